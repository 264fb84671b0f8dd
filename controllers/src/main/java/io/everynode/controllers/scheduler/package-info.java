/**
 * The scheduler: places pending pods as kube-scheduler does for what Everynode serves. A filter
 * chain in upstream's order, one check per class with a named reason (design.md rule 3), scoring by
 * least-allocated and balanced resources, a three-part priority queue with back-off, preemption
 * of strictly-lower-priority pods (R8.4), and FailedScheduling messages worded as upstream's.
 * Pods it has bound but the cache does not show yet count on their node ({@code AssumedPods}).
 *
 * <p>Threading: {@code SchedulerRunner} runs the {@code Scheduler} on one worker thread; informer
 * handlers only queue keys. The scheduler's own state is touched by that thread alone.
 */
package io.everynode.controllers.scheduler;
