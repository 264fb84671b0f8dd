package io.everynode.controllers.scheduler;

import java.time.Duration;

/**
 * Scheduler settings. Defaults are upstream kube-scheduler's: pods back off 1 s doubling to 10 s
 * after a failed attempt, and a pod parked as unschedulable is retried at the latest after 5 min
 * even if no cluster event moved it.
 *
 * @param schedulerName pods whose spec.schedulerName is this (or empty) are ours
 */
public record SchedulerConfig(
        String schedulerName, Duration initialBackoff, Duration maxBackoff, Duration maxUnschedulableWait) {
    public static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";

    public static SchedulerConfig defaults() {
        return new SchedulerConfig(
                DEFAULT_SCHEDULER_NAME, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(5));
    }
}
