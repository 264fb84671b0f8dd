package io.everynode.controllers.nodelifecycle;

import io.everynode.api.scheduling.DaemonTolerations;
import io.everynode.api.scheduling.Tolerations;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The taints node lifecycle owns, derived from conditions and spec.unschedulable:
 * R10.2 NoSchedule (not-ready, unreachable, memory/disk/pid-pressure, network-unavailable,
 * unschedulable) and R10.3 NoExecute (not-ready for Ready=False, unreachable for Ready=Unknown,
 * none for Ready=True). A taint that should stay keeps its instance, timeAdded included; a new
 * NoExecute taint gets timeAdded = now, the controller's clock (shown to users; eviction deadlines
 * count from when the controller saw the taint, see {@link TaintSightings}). Taints owned by
 * others are never touched. Per-zone rate limiting of NoExecute tainting is not modelled.
 */
final class ConditionTaints {
    private ConditionTaints() {}

    /** The node's new taint list, or empty when it is already right. */
    static Optional<List<Taint>> reconcile(Node node, Instant now) {
        Set<String> noSchedule = wantedNoSchedule(node);
        String noExecute = wantedNoExecute(node);
        List<Taint> current = node.getSpec() == null || node.getSpec().getTaints() == null
                ? List.of()
                : node.getSpec().getTaints();
        List<Taint> out = new ArrayList<>();
        Set<String> haveNoSchedule = new LinkedHashSet<>();
        boolean haveNoExecute = false;
        boolean changed = false;
        for (Taint t : current) {
            if (Tolerations.NO_SCHEDULE.equals(t.getEffect()) && MANAGED_NO_SCHEDULE.contains(t.getKey())) {
                if (noSchedule.contains(t.getKey()) && haveNoSchedule.add(t.getKey())) {
                    out.add(t);
                } else {
                    changed = true;
                }
            } else if (Tolerations.NO_EXECUTE.equals(t.getEffect()) && MANAGED_NO_EXECUTE.contains(t.getKey())) {
                if (Objects.equals(noExecute, t.getKey()) && !haveNoExecute) {
                    out.add(t);
                    haveNoExecute = true;
                } else {
                    changed = true;
                }
            } else {
                out.add(t);
            }
        }
        for (String key : noSchedule) {
            if (!haveNoSchedule.contains(key)) {
                out.add(new TaintBuilder()
                        .withKey(key)
                        .withEffect(Tolerations.NO_SCHEDULE)
                        .build());
                changed = true;
            }
        }
        if (noExecute != null && !haveNoExecute) {
            out.add(new TaintBuilder()
                    .withKey(noExecute)
                    .withEffect(Tolerations.NO_EXECUTE)
                    .withTimeAdded(now.toString())
                    .build());
            changed = true;
        }
        return changed ? Optional.of(out) : Optional.empty();
    }

    /** The NoExecute taints of {@code taints} that {@code node} does not carry yet: those a reconcile adds. */
    static List<Taint> addedNoExecute(Node node, List<Taint> taints) {
        List<Taint> current = node.getSpec() == null || node.getSpec().getTaints() == null
                ? List.of()
                : node.getSpec().getTaints();
        return taints.stream()
                .filter(t -> Tolerations.NO_EXECUTE.equals(t.getEffect()) && !current.contains(t))
                .toList();
    }

    static final Set<String> MANAGED_NO_SCHEDULE = Set.of(
            DaemonTolerations.NOT_READY,
            DaemonTolerations.UNREACHABLE,
            DaemonTolerations.MEMORY_PRESSURE,
            DaemonTolerations.DISK_PRESSURE,
            DaemonTolerations.PID_PRESSURE,
            DaemonTolerations.NETWORK_UNAVAILABLE,
            DaemonTolerations.UNSCHEDULABLE);
    static final Set<String> MANAGED_NO_EXECUTE = Set.of(DaemonTolerations.NOT_READY, DaemonTolerations.UNREACHABLE);

    /** R10.2, in a fixed order so new taints are appended deterministically. */
    static Set<String> wantedNoSchedule(Node node) {
        Set<String> keys = new LinkedHashSet<>();
        String ready = status(node, "Ready");
        if ("False".equals(ready)) {
            keys.add(DaemonTolerations.NOT_READY);
        } else if ("Unknown".equals(ready)) {
            keys.add(DaemonTolerations.UNREACHABLE);
        }
        if ("True".equals(status(node, "MemoryPressure"))) {
            keys.add(DaemonTolerations.MEMORY_PRESSURE);
        }
        if ("True".equals(status(node, "DiskPressure"))) {
            keys.add(DaemonTolerations.DISK_PRESSURE);
        }
        if ("True".equals(status(node, "PIDPressure"))) {
            keys.add(DaemonTolerations.PID_PRESSURE);
        }
        if ("True".equals(status(node, "NetworkUnavailable"))) {
            keys.add(DaemonTolerations.NETWORK_UNAVAILABLE);
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            keys.add(DaemonTolerations.UNSCHEDULABLE);
        }
        return keys;
    }

    /** R10.3: the one NoExecute taint Ready calls for, or null. */
    static String wantedNoExecute(Node node) {
        String ready = status(node, "Ready");
        if ("False".equals(ready)) {
            return DaemonTolerations.NOT_READY;
        }
        if ("Unknown".equals(ready)) {
            return DaemonTolerations.UNREACHABLE;
        }
        return null;
    }

    private static String status(Node node, String type) {
        NodeCondition c = NodeHealth.condition(node, type);
        return c == null ? null : c.getStatus();
    }
}
