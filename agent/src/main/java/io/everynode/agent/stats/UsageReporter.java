package io.everynode.agent.stats;

import io.everynode.api.metrics.UsageReport;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One node's periodic usage report (every {@code AgentConfig#usageReportInterval()}, 15 s by
 * default, metrics-server's resolution): reads the pods the agent runs, collects, and hands the
 * report to {@code send} (the API client's {@code reportUsage}). The agent's timers call
 * {@link #report()}; a failed send is the caller's to log, and the next period sends afresh (a
 * report is a whole reading, so nothing is lost but one point).
 */
public final class UsageReporter {
    private final UsageCollector collector;
    private final Supplier<Collection<String>> podUids;
    private final Consumer<UsageReport> send;

    public UsageReporter(UsageCollector collector, Supplier<Collection<String>> podUids, Consumer<UsageReport> send) {
        this.collector = collector;
        this.podUids = podUids;
        this.send = send;
    }

    public void report() {
        collector.collect(podUids.get()).ifPresent(send);
    }
}
