package io.everynode.apiserver.strategy;

import io.everynode.apiserver.registry.Strategy;

/** Leases (node heartbeats, leader election) have no server-side rules beyond metadata. */
final class LeaseStrategy implements Strategy {}
