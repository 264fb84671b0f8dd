/**
 * Where a pod may run: taint/toleration matching (R1.5), nodeSelector and required node affinity
 * (R1.3, R1.4), the DaemonSet controller's per-node decision ({@code NodeShouldRunDaemonPod},
 * R1.1–R1.8) built from one small check per rule, each with a named reason (design.md rule 3),
 * the automatic daemon tolerations (R1.9) and DefaultTolerationSeconds (R10.4). Shared by the
 * DaemonSet controller, the scheduler and admission, so all three decide alike.
 *
 * <p>Threading: pure functions over values they do not modify; safe from any thread.
 */
package io.everynode.api.scheduling;
