package io.everynode.testkit.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Rule 4: a DaemonSet's rolling update never had more nodes without an available pod than its
 * maxUnavailable, nor more nodes running two pods than its maxSurge (docs/daemonset-rules.md
 * R5.2–R5.5), at any revision. The pods and DaemonSets are replayed from every write the history
 * knows, in revision order, so "at any time" is after every single write.
 *
 * <p>Counted as the controller counts (R5.3): pods being deleted do not count; a pod is available
 * when its Ready condition is True (minReadySeconds is not replayed: it only makes the
 * controller stricter, so the check can miss, never invent, a breach). The nodes of a DaemonSet
 * are those that ever ran one of its pods; the budget holds from the first revision at which all
 * of them had an available pod, since the first rollout of a new DaemonSet is not budgeted.
 *
 * <p>The budget limits what the controller does: deleting pods. A pod that turns unready by
 * itself makes its node count as unavailable, which leaves less budget for deletions, but is no
 * breach; a deletion that takes the count of unavailable nodes over maxUnavailable is.
 *
 * <p>A node surges, as R5.5 counts it, while its new pod is not yet available beside its ready old
 * one; the newer of a node's two pods (the later to appear in the history) is its new one. A node
 * whose new pod is ready is done and not counted: its old pod is the controller's to delete, which
 * upstream (and everynode) does after the sync's creates, and which a change of leader between the
 * two can hold back for a whole lease time. A node whose old pod is not ready gets its new pod
 * regardless of maxSurge, so it is not counted either (both can miss, never invent, a breach).
 */
final class RolloutBudgetCheck {
    private static final int NAMED_NODES = 5;

    private final KnownRevisions known;

    RolloutBudgetCheck(KnownRevisions known) {
        this.known = known;
    }

    /** What the check remembers of one DaemonSet between revisions. */
    private static final class Tracked {
        final Set<String> nodes = new TreeSet<>();
        boolean armed;
        int unavailable;
        boolean overSurge;
    }

    List<Violation> check() {
        Map<String, JsonNode> pods = new HashMap<>();
        Map<String, Long> born = new HashMap<>();
        Map<String, JsonNode> daemonSets = new TreeMap<>();
        Map<String, Tracked> tracked = new HashMap<>();
        List<Violation> out = new ArrayList<>();
        for (KnownRevisions.Fact f : known.all().values()) {
            Map<String, JsonNode> target =
                    f.key().startsWith("pods/") ? pods : f.key().startsWith("daemonsets/") ? daemonSets : null;
            if (target == null) continue;
            if (f.deleted()) target.remove(f.key());
            else if (target.put(f.key(), f.object()) == null && target == pods) born.put(f.key(), f.revision());
            for (Map.Entry<String, JsonNode> ds : daemonSets.entrySet()) {
                evaluate(
                        ds.getKey(),
                        ds.getValue(),
                        pods,
                        born,
                        tracked.computeIfAbsent(ds.getKey(), k -> new Tracked()),
                        f,
                        out);
            }
        }
        return out;
    }

    private static void evaluate(
            String key,
            JsonNode ds,
            Map<String, JsonNode> pods,
            Map<String, Long> born,
            Tracked t,
            KnownRevisions.Fact at,
            List<Violation> out) {
        JsonNode strategy = ds.path("spec").path("updateStrategy");
        if (!strategy.path("type").asString("RollingUpdate").equals("RollingUpdate")) return;
        Map<String, List<String>> live = new TreeMap<>();
        Set<String> available = new TreeSet<>();
        Map<String, List<String>> seen = new TreeMap<>();
        for (Map.Entry<String, JsonNode> p : pods.entrySet()) {
            JsonNode pod = p.getValue();
            if (!ownedBy(pod, ds)) continue;
            String node = pod.path("spec").path("nodeName").asString("");
            if (node.isEmpty()) continue;
            boolean deleting = pod.path("metadata").has("deletionTimestamp");
            seen.computeIfAbsent(node, n -> new ArrayList<>())
                    .add(pod.path("metadata").path("name").asString("") + " "
                            + (deleting ? "deleting" : ready(pod) ? "ready" : "not ready"));
            if (deleting) continue;
            t.nodes.add(node);
            live.computeIfAbsent(node, n -> new ArrayList<>()).add(p.getKey());
            if (ready(pod)) available.add(node);
        }
        List<String> unavailable = new ArrayList<>();
        for (String node : t.nodes)
            if (!available.contains(node)) unavailable.add(node + " " + seen.getOrDefault(node, List.of()));
        if (!t.armed) {
            t.armed = !t.nodes.isEmpty() && unavailable.isEmpty();
            t.unavailable = unavailable.size();
            return;
        }
        int desired = t.nodes.size();
        JsonNode rolling = strategy.path("rollingUpdate");
        int maxSurge = scaled(rolling.path("maxSurge"), desired, 0);
        int maxUnavailable = scaled(rolling.path("maxUnavailable"), desired, 1);
        if (maxSurge == 0 && maxUnavailable == 0) maxUnavailable = 1;
        List<String> surging = new ArrayList<>();
        live.forEach((node, keys) -> {
            if (surges(keys, pods, born)) surging.add(node + " " + seen.get(node));
        });
        String where = "DaemonSet " + key.substring("daemonsets/".length()) + " at revision " + at.revision() + " ("
                + at.source() + "): ";
        boolean deletion = unavailable.size() > t.unavailable && deletesAPodOf(at, ds);
        t.unavailable = unavailable.size();
        if (deletion && unavailable.size() > maxUnavailable)
            out.add(new Violation(
                    Violation.Rule.ROLLOUT_BUDGET,
                    where + unavailable.size() + " nodes without an available pod (" + named(unavailable)
                            + "), more than maxUnavailable " + maxUnavailable + " (R5.2, R5.4)"));
        boolean overSurge = surging.size() > maxSurge || live.values().stream().anyMatch(k -> k.size() > 2);
        if (overSurge && !t.overSurge)
            out.add(new Violation(
                    Violation.Rule.ROLLOUT_BUDGET,
                    where + surging.size() + " nodes surging, a new pod not yet ready beside a ready old one ("
                            + named(surging) + "), maxSurge is " + maxSurge
                            + " and a node runs at most one old and one new pod (R5.3, R5.5)"));
        t.overSurge = overSurge;
    }

    /**
     * Whether a node with these live pods (keys) counts against maxSurge: more than two, or an old
     * pod that is ready beside a newer pod that is not yet (R5.5).
     */
    private static boolean surges(List<String> keys, Map<String, JsonNode> pods, Map<String, Long> born) {
        if (keys.size() > 2) return true;
        if (keys.size() < 2) return false;
        String older = keys.get(0);
        String newer = keys.get(1);
        if (born.getOrDefault(older, 0L) > born.getOrDefault(newer, 0L)) {
            older = keys.get(1);
            newer = keys.get(0);
        }
        return ready(pods.get(older)) && !ready(pods.get(newer));
    }

    /** Whether {@code at} deletes a pod of {@code ds}: marks it for deletion or removes it. */
    private static boolean deletesAPodOf(KnownRevisions.Fact at, JsonNode ds) {
        return at.key().startsWith("pods/")
                && ownedBy(at.object(), ds)
                && (at.deleted() || at.object().path("metadata").has("deletionTimestamp"));
    }

    private static boolean ownedBy(JsonNode pod, JsonNode ds) {
        if (!pod.path("metadata").path("namespace").equals(ds.path("metadata").path("namespace"))) return false;
        String uid = ds.path("metadata").path("uid").asString("");
        for (JsonNode ref : pod.path("metadata").path("ownerReferences")) {
            if (!ref.path("kind").asString("").equals("DaemonSet")) continue;
            if (!uid.isEmpty() && ref.has("uid")) {
                if (ref.path("uid").asString("").equals(uid)) return true;
            } else if (ref.path("name").equals(ds.path("metadata").path("name"))) return true;
        }
        return false;
    }

    private static boolean ready(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if (c.path("type").asString("").equals("Ready"))
                return c.path("status").asString("").equals("True");
        }
        return false;
    }

    /** An int or a percentage of {@code desired}, rounded up (R5.2); {@code absent} when not set. */
    static int scaled(JsonNode value, int desired, int absent) {
        if (value.isMissingNode() || value.isNull()) return absent;
        if (value.isNumber()) return value.asInt();
        String s = value.asString("");
        if (s.endsWith("%")) {
            int percent = Integer.parseInt(s.substring(0, s.length() - 1));
            return (int) Math.ceil(percent * (double) desired / 100.0);
        }
        return Integer.parseInt(s);
    }

    private static String named(List<String> nodes) {
        String shown = String.join(", ", nodes.subList(0, Math.min(NAMED_NODES, nodes.size())));
        return nodes.size() > NAMED_NODES ? shown + ", …" : shown;
    }
}
