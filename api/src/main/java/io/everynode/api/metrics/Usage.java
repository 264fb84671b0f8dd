package io.everynode.api.metrics;

/**
 * One reading of a container's (or a node's) resource use, as the kubelet's resource metrics
 * report it: CPU as a cumulative counter, memory as the current working set.
 *
 * @param cpuNanos the CPU time used since the container (or the machine) started, in nanoseconds
 *     of one core; rates are taken between two readings
 * @param workingSetBytes the memory in use that cannot be dropped without I/O: usage minus the
 *     inactive file cache, as the kubelet counts it (what eviction and {@code kubectl top} show)
 */
public record Usage(long cpuNanos, long workingSetBytes) {
    public Usage {
        if (cpuNanos < 0) cpuNanos = 0;
        if (workingSetBytes < 0) workingSetBytes = 0;
    }

    /** The sum of this reading and {@code other}. */
    public Usage plus(Usage other) {
        return new Usage(cpuNanos + other.cpuNanos, workingSetBytes + other.workingSetBytes);
    }
}
