/**
 * The node agent's resource usage for {@code kubectl top} (docs/containers.md, "kubectl top").
 *
 * <p>Each agent runs a {@link io.everynode.agent.stats.UsageReporter} on its host's timers every
 * {@code AgentConfig#usageReportInterval()} (15 s, metrics-server's default resolution): a
 * {@link io.everynode.agent.stats.UsageCollector} asks the runtime for each running container's
 * cumulative CPU and working set ({@code ContainerRuntime#usage}, a default method any runtime can
 * implement: the process runtime reads its cgroups through {@link io.everynode.agent.stats.CgroupUsage},
 * the simulated runtime answers its simulated figures) and a
 * {@link io.everynode.agent.stats.NodeUsageSource} for the node's own (the machine's
 * {@code /proc/stat} and {@code /proc/meminfo}, or a simulated node's pod sum), and sends the
 * reading to the API server ({@code KubeClient#reportUsage}). Rates are the API server's to take,
 * from two readings, as metrics-server takes them from two scrapes.
 */
package io.everynode.agent.stats;
