/**
 * The per-kind half of the write path (upstream's registry strategies): defaults, admission and
 * validation from the {@code api} module, what spec and status writes may change, generation
 * bookkeeping (R3.6), and the fields selectors see. Pods get priority admission (R8.3),
 * DefaultTolerationSeconds (R10.4) and their QoS class (R9.1); DaemonSets R5.1 defaults and R6
 * validation; PriorityClasses R8.2; Secrets, ConfigMaps, Services, ServiceAccount admission and
 * the workload kinds as docs/kinds.md describes.
 *
 * Services get their clusterIPs and nodePorts from the {@code ServiceAllocator}, which claims
 * them in the store ({@code ServiceClaims}) so several API servers never hand one out twice;
 * {@code ServiceClaimsRepair} keeps the claims and the stored Services in agreement
 * (docs/services.md, "Allocation").
 *
 * <p>Threading: strategies are stateless; what they read besides the object comes through the
 * request's {@code WriteContext}, and what they take outside it is kept or given back through its
 * {@code WriteEffects}. Safe from any request thread. The repair pass has a thread of its own.
 */
package io.everynode.apiserver.strategy;
