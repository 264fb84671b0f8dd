package io.everynode.api.qos;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resource quantity helpers. CPU is counted in millicores and memory in bytes, both rounded up
 * (a request of 0.5m still needs one millicore), as the scheduler does.
 */
public final class Resources {
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";

    private Resources() {}

    /** Millicores of a cpu quantity ("100m" → 100, "2" → 2000); null → 0. */
    public static long cpuMillis(Quantity q) {
        if (q == null) {
            return 0;
        }
        return q.getNumericalAmount()
                .multiply(BigDecimal.valueOf(1000))
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    /** Bytes of a memory quantity ("64Mi" → 67108864); null → 0. */
    public static long bytes(Quantity q) {
        if (q == null) {
            return 0;
        }
        return q.getNumericalAmount().setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /**
     * Parses a quantity string strictly.
     *
     * @throws IllegalArgumentException when the text is not a Kubernetes quantity
     */
    public static BigDecimal parse(String text) {
        try {
            Quantity q = Quantity.parse(text);
            return q.getNumericalAmount();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "quantities must match the regular expression " + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
                    e);
        }
    }

    /**
     * The pod's effective requests per resource name, as the scheduler computes them: the larger
     * of (sum over regular containers) and (largest single init container), plus pod overhead.
     * Sidecar (restartable) init containers are treated as plain init containers here.
     */
    public static Map<String, BigDecimal> podRequests(PodSpec spec) {
        Map<String, BigDecimal> sum = new TreeMap<>();
        for (Container c : list(spec.getContainers())) {
            requests(c).forEach((k, v) -> sum.merge(k, v, BigDecimal::add));
        }
        for (Container c : list(spec.getInitContainers())) {
            requests(c).forEach((k, v) -> sum.merge(k, v, BigDecimal::max));
        }
        if (spec.getOverhead() != null) {
            spec.getOverhead().forEach((k, v) -> sum.merge(k, v.getNumericalAmount(), BigDecimal::add));
        }
        return sum;
    }

    /** Effective cpu request of the pod in millicores. */
    public static long podCpuMillis(PodSpec spec) {
        BigDecimal cpu = podRequests(spec).get(CPU);
        return cpu == null
                ? 0
                : cpu.multiply(BigDecimal.valueOf(1000))
                        .setScale(0, RoundingMode.CEILING)
                        .longValueExact();
    }

    /** Effective memory request of the pod in bytes. */
    public static long podMemoryBytes(PodSpec spec) {
        BigDecimal mem = podRequests(spec).get(MEMORY);
        return mem == null ? 0 : mem.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static Map<String, BigDecimal> requests(Container c) {
        Map<String, BigDecimal> out = new TreeMap<>();
        if (c.getResources() != null && c.getResources().getRequests() != null) {
            c.getResources().getRequests().forEach((k, v) -> out.put(k, v.getNumericalAmount()));
        }
        return out;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
