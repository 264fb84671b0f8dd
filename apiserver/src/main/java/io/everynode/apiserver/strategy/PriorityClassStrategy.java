package io.everynode.apiserver.strategy;

import io.everynode.apiserver.registry.Strategy;

/** PriorityClasses (R8.2). */
final class PriorityClassStrategy implements Strategy {}
