package io.everynode.api.scheduling;

import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The tolerations the DaemonSet controller adds to every daemon pod (R1.9), so daemons keep
 * running through node trouble: not-ready and unreachable NoExecute forever, and the pressure,
 * unschedulable (and, for host-network pods, network-unavailable) NoSchedule taints.
 */
public final class DaemonTolerations {
    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String DISK_PRESSURE = "node.kubernetes.io/disk-pressure";
    public static final String MEMORY_PRESSURE = "node.kubernetes.io/memory-pressure";
    public static final String PID_PRESSURE = "node.kubernetes.io/pid-pressure";
    public static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    public static final String NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable";

    private DaemonTolerations() {}

    /** The automatic tolerations of R1.9, in upstream's order. */
    public static List<Toleration> automatic(boolean hostNetwork) {
        List<Toleration> auto = new ArrayList<>();
        auto.add(exists(NOT_READY, Tolerations.NO_EXECUTE));
        auto.add(exists(UNREACHABLE, Tolerations.NO_EXECUTE));
        auto.add(exists(DISK_PRESSURE, Tolerations.NO_SCHEDULE));
        auto.add(exists(MEMORY_PRESSURE, Tolerations.NO_SCHEDULE));
        auto.add(exists(PID_PRESSURE, Tolerations.NO_SCHEDULE));
        auto.add(exists(UNSCHEDULABLE, Tolerations.NO_SCHEDULE));
        if (hostNetwork) {
            auto.add(exists(NETWORK_UNAVAILABLE, Tolerations.NO_SCHEDULE));
        }
        return auto;
    }

    /**
     * R1.9 merge ("add or update"): returns a new list where each automatic toleration replaces an
     * existing one with the same key, operator, value and effect (dropping e.g. a user's
     * tolerationSeconds), or is appended. The input list is not modified.
     */
    public static List<Toleration> withAutomatic(List<Toleration> existing, boolean hostNetwork) {
        List<Toleration> merged = new ArrayList<>(existing == null ? List.of() : existing);
        for (Toleration add : automatic(hostNetwork)) {
            addOrUpdate(merged, add);
        }
        return merged;
    }

    /** Replaces the first toleration equal to {@code t} on (key, operator, value, effect), else appends. */
    static void addOrUpdate(List<Toleration> list, Toleration t) {
        for (int i = 0; i < list.size(); i++) {
            Toleration old = list.get(i);
            if (same(old.getKey(), t.getKey())
                    && same(old.getOperator(), t.getOperator())
                    && same(old.getValue(), t.getValue())
                    && same(old.getEffect(), t.getEffect())) {
                list.set(i, t);
                return;
            }
        }
        list.add(t);
    }

    private static boolean same(String a, String b) {
        return Objects.equals(Tolerations.nz(a), Tolerations.nz(b));
    }

    private static Toleration exists(String key, String effect) {
        Toleration t = new Toleration();
        t.setKey(key);
        t.setOperator("Exists");
        t.setEffect(effect);
        return t;
    }
}
