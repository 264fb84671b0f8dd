package io.everynode.apiserver.strategy;

import io.everynode.apiserver.registry.Strategy;

/** ControllerRevisions (R6.7). */
final class ControllerRevisionStrategy implements Strategy {}
