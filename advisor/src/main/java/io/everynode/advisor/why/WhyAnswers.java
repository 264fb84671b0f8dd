package io.everynode.advisor.why;

import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * For every node (or one), why it runs a daemon pod of the DaemonSet or not. Pure: decides from
 * {@link WhyInput} alone. The order of questions is the controller's: a pod on the node is
 * answered from its lifecycle hook when one holds it ({@link HookHold}), else from its own state; without one, placement first (R1: should it run at all?), then
 * what happened to the last pod (eviction, failed-pod back-off), then fit (R1.8: the scheduler's NodeResourcesFit), else the
 * controller has not created it yet.
 */
public final class WhyAnswers {
    private static final String FAILED_DAEMON_POD = "FailedDaemonPod";

    private final List<RolloutHold> holds;

    /** The holds in the controller's order: pause, stage, update selector, partition, budget. */
    public WhyAnswers() {
        this(List.of(
                new PauseHold(),
                new StageHold(),
                new UpdateSelectorHold(),
                new PartitionHold(),
                new RolloutBudgetHold()));
    }

    WhyAnswers(List<RolloutHold> holds) {
        this.holds = List.copyOf(holds);
    }

    /** One answer per node of {@code in}, in node-name order; only {@code onlyNode}'s when not null. */
    public List<Answer> answer(WhyInput in, String onlyNode) {
        Rollout rollout = rollout(in);
        List<Answer> out = new ArrayList<>();
        in.nodes().stream()
                .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
                .filter(n -> onlyNode == null || onlyNode.equals(n.getMetadata().getName()))
                .forEach(n -> out.add(answer(in, n, rollout)));
        return out;
    }

    private Answer answer(WhyInput in, Node node, Rollout rollout) {
        String name = node.getMetadata().getName();
        List<Pod> mine = podsFor(in, name);
        List<Pod> active = mine.stream().filter(WhyAnswers::active).toList();
        Optional<Answer> eviction = lastEviction(in, name, mine);
        if (!active.isEmpty()) {
            Pod pod = active.stream().filter(rollout::current).findFirst().orElse(active.get(active.size() - 1));
            Optional<Answer> hooked = HookHold.of(name, pod, in.daemonSet()); // E6.4, whatever the pod's state
            if (hooked.isPresent()) return hooked.get();
            String bound = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            if (bound == null || bound.isEmpty()) {
                return PlacementAnswers.cannotFit(node, pod, boundTo(in, name))
                        .filter(a -> pod.getStatus() == null || pod.getStatus().getNominatedNodeName() == null)
                        .orElseGet(() -> PodAnswers.unscheduled(name, pod));
            }
            if (PodAnswers.ready(pod)) {
                return rollout.current(pod) ? runs(name, pod, "current", eviction) : oldRevision(name, pod, rollout);
            }
            if (eviction.isPresent()) {
                Answer e = eviction.get();
                Answer now = PodAnswers.notReady(name, pod, in.events());
                List<String> details = new ArrayList<>(e.details());
                details.add("now: " + now.pod() + ": " + now.message());
                return Answer.of(name, Reason.EVICTED, e.message(), e.pod(), details);
            }
            return PodAnswers.notReady(name, pod, in.events());
        }
        Optional<Answer> placement = PlacementAnswers.shouldNotRun(node, in.daemonSet());
        if (placement.isPresent()) return placement.get();
        if (eviction.isPresent()) return eviction.get();
        Optional<Answer> fit = PlacementAnswers.cannotFit(node, simulatedPod(in.daemonSet(), name), boundTo(in, name));
        if (fit.isPresent()) return fit.get();
        Optional<Event> failed = dsEvent(in, FAILED_DAEMON_POD, " on node " + name + ",");
        if (failed.isPresent()) {
            return Answer.of(
                    name,
                    Reason.BACK_OFF,
                    failed.get().getMessage(),
                    null,
                    List.of("the controller backs off before creating the next pod on this node"));
        }
        return Answer.of(
                name,
                Reason.NO_POD_YET,
                "no daemon pod yet: the controller creates one on its next sync",
                null,
                List.of());
    }

    private static Answer runs(String node, Pod pod, String revision, Optional<Answer> eviction) {
        List<String> details = new ArrayList<>();
        details.add("ready: true");
        details.add("revision: " + revision + " (" + hash(pod) + ")");
        restarts(pod).ifPresent(details::add);
        eviction.ifPresent(e -> details.add("an earlier pod was evicted: " + e.message()));
        return Answer.of(
                node,
                Reason.RUNNING,
                "runs " + pod.getMetadata().getName() + ", ready, " + revision + " revision",
                pod.getMetadata().getName(),
                details);
    }

    private Answer oldRevision(String node, Pod pod, Rollout rollout) {
        for (RolloutHold h : holds) {
            Optional<Answer> held = h.holds(node, pod, rollout);
            if (held.isPresent()) return held.get();
        }
        return runs(node, pod, "old", Optional.empty());
    }

    /** The last pod on this node evicted by the kubelet: still there as Failed, or named in events. */
    private static Optional<Answer> lastEviction(WhyInput in, String node, List<Pod> mine) {
        for (int i = mine.size() - 1; i >= 0; i--) {
            Optional<Answer> a = PodAnswers.evicted(node, mine.get(i));
            if (a.isPresent()) return a;
        }
        // Deleted already: the controller's FailedDaemonPod event names pod and node; the kubelet's names the reason.
        String ns = in.daemonSet().getMetadata().getNamespace();
        return in.events().stream()
                .filter(e -> FAILED_DAEMON_POD.equals(e.getReason())
                        && e.getMessage() != null
                        && e.getMessage().contains(" on node " + node + ","))
                .sorted(Comparator.comparing(PodAnswers::when).reversed())
                .map(e -> podNamed(e.getMessage(), ns))
                .flatMap(pod -> in.events().stream()
                        .filter(e -> PodAnswers.EVICTED.equals(e.getReason())
                                && e.getInvolvedObject() != null
                                && pod.equals(e.getInvolvedObject().getName()))
                        .map(e -> Answer.of(
                                node, Reason.EVICTED, e.getMessage(), pod, List.of("pod deleted after eviction"))))
                .findFirst();
    }

    private static String podNamed(String failedDaemonPodMessage, String ns) {
        // "Found failed daemon pod NS/NAME on node N, will try to kill it"
        String rest = failedDaemonPodMessage.substring(failedDaemonPodMessage.indexOf(ns + "/") + ns.length() + 1);
        return rest.substring(0, rest.indexOf(' '));
    }

    private static Optional<Event> dsEvent(WhyInput in, String reason, String contains) {
        return in.events().stream()
                .filter(e -> reason.equals(e.getReason())
                        && e.getMessage() != null
                        && e.getMessage().contains(contains))
                .max(Comparator.comparing(PodAnswers::when));
    }

    private static Rollout rollout(WhyInput in) {
        DaemonSet ds = in.daemonSet();
        int desired = 0;
        int unavailable = 0;
        List<String> hookHeld = new java.util.ArrayList<>();
        for (Node n : in.nodes()) {
            if (!io.everynode.api.scheduling.NodeShouldRunDaemonPod.evaluate(n, ds)
                    .shouldRun()) continue;
            desired++;
            List<Pod> available = podsFor(in, n.getMetadata().getName()).stream()
                    .filter(p -> active(p) && DaemonSetFacts.available(p, ds, in.now()))
                    .toList();
            if (available.isEmpty()) unavailable++;
            available.stream()
                    .filter(p -> DaemonSetFacts.hookHold(ds, p)
                            .filter(h -> h.kind() == DaemonSetFacts.HookKind.PRE_DELETE)
                            .isPresent())
                    .forEach(p -> hookHeld.add(p.getMetadata().getName()));
        }
        DaemonSetFacts.Budget budget;
        try {
            budget = DaemonSetFacts.budget(ds, desired);
        } catch (IllegalArgumentException e) {
            budget = null;
        }
        Map<String, DaemonSetFacts.Hold> holds =
                budget == null ? Map.of() : DaemonSetFacts.holds(ds, in.nodes(), in.daemonPods(), in.now());
        return new Rollout(
                DaemonSetFacts.currentHash(ds),
                budget,
                desired,
                unavailable,
                DaemonSetFacts.pause(ds),
                holds,
                resume(ds),
                hookHeld);
    }

    /** The DaemonSet's pods meant for {@code node}, oldest first. */
    private static List<Pod> podsFor(WhyInput in, String node) {
        return in.daemonPods().stream()
                .filter(p -> node.equals(DaemonSetFacts.targetNode(p)))
                .sorted(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null
                        ? ""
                        : p.getMetadata().getCreationTimestamp()))
                .toList();
    }

    /** Non-terminal pods bound to {@code node}: what the scheduler counts against its allocatable. */
    private static List<Pod> boundTo(WhyInput in, String node) {
        return in.allPods().stream()
                .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName()))
                .filter(p -> !terminal(p))
                .toList();
    }

    private static Pod simulatedPod(DaemonSet ds, String node) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(ds.getMetadata().getName() + " (to create)")
                .endMetadata()
                .withSpec(ds.getSpec().getTemplate().getSpec())
                .build();
    }

    private static boolean active(Pod p) {
        return !terminal(p) && p.getMetadata().getDeletionTimestamp() == null;
    }

    private static boolean terminal(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return "Failed".equals(phase) || "Succeeded".equals(phase);
    }

    private static String hash(Pod pod) {
        var labels = pod.getMetadata().getLabels();
        return labels == null ? "none" : labels.getOrDefault(DaemonSetFacts.HASH_LABEL, "none");
    }

    private static Optional<String> restarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) return Optional.empty();
        int n = pod.getStatus().getContainerStatuses().stream()
                .mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount())
                .sum();
        return n == 0 ? Optional.empty() : Optional.of("restarts: " + n);
    }

    /** E3.1: how the user resumes a paused rollout of this kind of DaemonSet. */
    private static String resume(DaemonSet ds) {
        String setting = DaemonSetFacts.pauseSetting(ds);
        return setting.startsWith("spec.") ? setting + " set to false" : "the annotation " + setting + " removed";
    }
}
