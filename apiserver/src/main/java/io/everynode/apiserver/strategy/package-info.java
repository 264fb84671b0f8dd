/**
 * The per-kind half of the write path (upstream's registry strategies): defaults, admission and
 * validation from the {@code api} module, what spec and status writes may change, generation
 * bookkeeping (R3.6), and the fields selectors see. Pods get priority admission (R8.3),
 * DefaultTolerationSeconds (R10.4) and their QoS class (R9.1); DaemonSets R5.1 defaults and R6
 * validation; PriorityClasses R8.2; Secrets, ConfigMaps, Services, ServiceAccount admission and
 * the workload kinds as docs/kinds.md describes.
 *
 * <p>Threading: strategies are stateless but for the Service allocator's short-lived holds
 * (synchronized); what they read besides the object comes through the request's
 * {@code WriteContext}. Safe from any request thread.
 */
package io.everynode.apiserver.strategy;
