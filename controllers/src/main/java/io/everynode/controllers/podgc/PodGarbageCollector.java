package io.everynode.controllers.podgc;

import io.everynode.api.Nodes;
import io.everynode.api.Pods;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pod GC (R10.5). Each pass plans ({@link #plan()}: which pods go, and why) and then removes them:
 * a pod not yet terminal is first patched to phase Failed (orphans also get condition
 * DisruptionTarget, reason DeletionByPodGC), then every removed pod is force-deleted (grace 0).
 *
 * <p>Orphans: a node missing from the cache is quarantined for 40 s (a new node may not have
 * reached the cache yet); after that an uncached GET must confirm it is gone before its pods are
 * removed. If the GET finds the node, the quarantine starts over.
 *
 * <p>Threading: not thread-safe; one worker calls {@link #gc()} and waits until the time it
 * returns.
 */
public final class PodGarbageCollector {
    public static final String CONDITION_DISRUPTION_TARGET = "DisruptionTarget";
    public static final String REASON_DELETION_BY_POD_GC = "DeletionByPodGC";
    public static final String MESSAGE_NODE_GONE = "PodGC: node no longer exists";
    static final String OUT_OF_SERVICE_TAINT = "node.kubernetes.io/out-of-service";

    private static final Logger LOG = LoggerFactory.getLogger(PodGarbageCollector.class);

    private final PodGcConfig config;
    private final PodGcWorld world;
    private final PodGcActions actions;
    private final Clock clock;
    /** Node name → when a pod bound to it was first seen while the node was missing from the cache. */
    private final Map<String, Instant> quarantine = new HashMap<>();

    public PodGarbageCollector(PodGcConfig config, PodGcWorld world, PodGcActions actions, Clock clock) {
        this.config = config;
        this.world = world;
        this.actions = actions;
        this.clock = clock;
    }

    /** One pass. Returns when to run next: one period from now, or sooner when a quarantine ends. */
    public Instant gc() {
        Instant now = clock.instant();
        for (Removal r : plan()) {
            try {
                remove(r);
            } catch (RuntimeException e) {
                LOG.warn(
                        "pod {}/{}: pod GC removal failed, retrying next pass",
                        r.pod().getMetadata().getNamespace(),
                        r.pod().getMetadata().getName(),
                        e);
            }
        }
        Instant next = now.plus(config.period());
        for (Instant since : quarantine.values()) {
            Instant end = since.plus(config.quarantine());
            if (end.isAfter(now) && end.isBefore(next)) {
                next = end;
            }
        }
        return next;
    }

    /** The pods this pass removes, in pass order, each at most once. Updates the quarantine. */
    List<Removal> plan() {
        Instant now = clock.instant();
        List<Pod> pods = world.pods();
        Map<String, Node> nodes = new HashMap<>();
        for (Node n : world.nodes()) {
            nodes.put(n.getMetadata().getName(), n);
        }
        List<Removal> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Pod p : terminatedOverThreshold(pods)) {
            add(out, taken, p, Removal.Cause.TERMINATED_OVER_THRESHOLD);
        }
        for (Pod p : pods) {
            Node node = nodes.get(nodeName(p));
            if (terminating(p) && node != null && outOfService(node)) {
                add(out, taken, p, Removal.Cause.OUT_OF_SERVICE);
            }
        }
        for (String gone : goneNodes(pods, nodes.keySet(), now)) {
            for (Pod p : pods) {
                if (gone.equals(nodeName(p))) {
                    add(out, taken, p, Removal.Cause.ORPHANED);
                }
            }
        }
        for (Pod p : pods) {
            if (terminating(p) && nodeName(p).isEmpty()) {
                add(out, taken, p, Removal.Cause.UNSCHEDULED_TERMINATING);
            }
        }
        return out;
    }

    /** R10.5.1: the excess over the threshold, evicted pods first, then oldest first. */
    List<Pod> terminatedOverThreshold(List<Pod> pods) {
        if (config.terminatedPodThreshold() <= 0) {
            return List.of();
        }
        List<Pod> terminated = new ArrayList<>();
        for (Pod p : pods) {
            if (Pods.isTerminal(p)) {
                terminated.add(p);
            }
        }
        int excess = terminated.size() - config.terminatedPodThreshold();
        if (excess <= 0) {
            return List.of();
        }
        terminated.sort(Comparator.comparing((Pod p) -> !evicted(p))
                .thenComparing(PodGarbageCollector::created)
                .thenComparing(p ->
                        p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()));
        return terminated.subList(0, excess);
    }

    /** Nodes confirmed gone: missing from the cache for the whole quarantine, and 404 on an uncached GET. */
    private List<String> goneNodes(List<Pod> pods, Set<String> cached, Instant now) {
        Set<String> missing = new HashSet<>();
        for (Pod p : pods) {
            String n = nodeName(p);
            if (!n.isEmpty() && !cached.contains(n)) {
                missing.add(n);
            }
        }
        quarantine.keySet().retainAll(missing);
        List<String> gone = new ArrayList<>();
        for (String n : missing.stream().sorted().toList()) {
            Instant since = quarantine.computeIfAbsent(n, k -> now);
            if (now.isBefore(since.plus(config.quarantine()))) {
                continue;
            }
            boolean exists;
            try {
                exists = world.nodeExists(n);
            } catch (RuntimeException e) {
                LOG.warn("node {}: could not confirm it is gone, keeping its pods for now", n, e);
                continue;
            }
            quarantine.remove(n);
            if (!exists) {
                gone.add(n);
            }
        }
        return gone;
    }

    private void remove(Removal r) {
        Pod pod = r.pod();
        if (!Pods.isTerminal(pod)) {
            PodCondition condition = r.cause() != Removal.Cause.ORPHANED
                    ? null
                    : new PodConditionBuilder()
                            .withType(CONDITION_DISRUPTION_TARGET)
                            .withStatus("True")
                            .withReason(REASON_DELETION_BY_POD_GC)
                            .withMessage(MESSAGE_NODE_GONE)
                            .withLastTransitionTime(clock.instant().toString())
                            .build();
            actions.markFailed(pod, condition);
        }
        actions.forceDelete(pod);
    }

    private static void add(List<Removal> out, Set<String> taken, Pod p, Removal.Cause cause) {
        if (taken.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())) {
            out.add(new Removal(p, cause));
        }
    }

    private static boolean outOfService(Node node) {
        boolean tainted = node.getSpec() != null
                && node.getSpec().getTaints() != null
                && node.getSpec().getTaints().stream().anyMatch(t -> OUT_OF_SERVICE_TAINT.equals(t.getKey()));
        return tainted && !Nodes.isReady(node);
    }

    private static String nodeName(Pod p) {
        String n = p.getSpec() == null ? null : p.getSpec().getNodeName();
        return n == null ? "" : n;
    }

    private static boolean terminating(Pod p) {
        return p.getMetadata().getDeletionTimestamp() != null;
    }

    private static boolean evicted(Pod p) {
        return p.getStatus() != null
                && "Failed".equals(p.getStatus().getPhase())
                && "Evicted".equals(p.getStatus().getReason());
    }

    private static Instant created(Pod p) {
        String ts = p.getMetadata().getCreationTimestamp();
        return ts == null || ts.isEmpty() ? Instant.EPOCH : Instant.parse(ts);
    }
}
