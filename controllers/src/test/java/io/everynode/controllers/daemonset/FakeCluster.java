package io.everynode.controllers.daemonset;

import io.everynode.api.json.Json;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * An in-memory cluster that is both the controller's world (caches) and its actions (API). Writes
 * apply to the world at once, so multi-sync scenarios play out; every write is recorded. When a
 * controller is attached, pod creates and deletes are delivered to its handlers synchronously, as
 * a fast informer would. Failures are injected through the public fields.
 */
final class FakeCluster implements DaemonSetWorld, DaemonSetActions {
    record Event(String type, String reason, String message) {}

    final ManualClock clock;
    final Map<String, DaemonSet> daemonSets = new TreeMap<>();
    final Map<String, Node> nodes = new TreeMap<>();
    final Map<String, Pod> pods = new TreeMap<>();
    final Map<String, ControllerRevision> revisions = new TreeMap<>();

    final List<Pod> created = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    final List<DaemonSet> statusWrites = new ArrayList<>();
    /** Every updateDaemonSet the controller sent (E3.3/E3.4). */
    final List<DaemonSet> daemonSetUpdates = new ArrayList<>();

    final List<String> createdRevisions = new ArrayList<>();
    final List<String> deletedRevisions = new ArrayList<>();
    final Map<String, Map<String, String>> labelPatches = new LinkedHashMap<>();
    int createAttempts;
    int daemonSetGets;

    /** Creates beyond this many (in total) fail with a quota error. */
    int createQuota = Integer.MAX_VALUE;
    /** The next this-many status writes fail with a conflict. */
    int statusFailures;

    boolean daemonSetGetFails;
    /** Rewrites what an uncached DaemonSet GET returns (adoption race). */
    UnaryOperator<DaemonSet> freshDaemonSet = UnaryOperator.identity();
    /** Handlers to deliver pod events to; null = nobody observes (expectations stay pending). */
    DaemonSetController observer;

    private int seq;

    FakeCluster(ManualClock clock) {
        this.clock = clock;
    }

    // ---- setup helpers ----

    FakeCluster add(DaemonSet ds) {
        daemonSets.put(ds.getMetadata().getName(), ds);
        return this;
    }

    FakeCluster add(Node... ns) {
        for (Node n : ns) {
            nodes.put(n.getMetadata().getName(), n);
        }
        return this;
    }

    FakeCluster add(List<Node> ns) {
        ns.forEach(this::add);
        return this;
    }

    FakeCluster add(Pod p) {
        pods.put(p.getMetadata().getName(), p);
        return this;
    }

    FakeCluster add(ControllerRevision r) {
        revisions.put(r.getMetadata().getName(), r);
        return this;
    }

    DaemonSet ds(String name) {
        return daemonSets.get(name);
    }

    /** Changes the template as the API server would: generation and template-generation annotation go up (R3.6). */
    void editTemplate(String dsName, Consumer<DaemonSet> edit) {
        DaemonSet ds = copy(daemonSets.get(dsName), DaemonSet.class);
        edit.accept(ds);
        long gen = ds.getMetadata().getGeneration() + 1;
        ds.getMetadata().setGeneration(gen);
        ds.getMetadata().getAnnotations().put(PodFacts.TEMPLATE_GENERATION_ANNOTATION, Long.toString(gen));
        ds.getMetadata().setResourceVersion(Integer.toString(++seq));
        daemonSets.put(dsName, ds);
    }

    /** Non-template spec change: generation goes up only. */
    void editSpec(String dsName, Consumer<DaemonSet> edit) {
        DaemonSet ds = copy(daemonSets.get(dsName), DaemonSet.class);
        edit.accept(ds);
        ds.getMetadata().setGeneration(ds.getMetadata().getGeneration() + 1);
        daemonSets.put(dsName, ds);
    }

    List<Pod> podsOn(String node) {
        return pods.values().stream()
                .filter(p -> PodFacts.targetNode(p).equals(node))
                .toList();
    }

    Pod pod(String name) {
        return pods.get(name);
    }

    /** The pod turns Ready (Running) at {@code since}. */
    void markReady(String podName, Instant since) {
        Pod p = copy(pods.get(podName), Pod.class);
        PodStatus st = p.getStatus() == null ? new PodStatus() : p.getStatus();
        st.setPhase("Running");
        PodCondition c = new PodCondition();
        c.setType("Ready");
        c.setStatus("True");
        c.setLastTransitionTime(since.toString());
        st.setConditions(new ArrayList<>(List.of(c)));
        p.setStatus(st);
        bump(p);
        pods.put(podName, p);
    }

    void markAllReady() {
        for (String name : new ArrayList<>(pods.keySet())) {
            if (!PodFacts.ready(pods.get(name)) && !PodFacts.terminal(pods.get(name))) {
                markReady(name, clock.instant());
            }
        }
    }

    /** The pod's container exits again and again: Running, not Ready, waiting in CrashLoopBackOff (E3.2). */
    void crashLoop(String podName) {
        Pod p = copy(pods.get(podName), Pod.class);
        PodStatus st = p.getStatus() == null ? new PodStatus() : p.getStatus();
        st.setPhase("Running");
        st.setConditions(new ArrayList<>());
        io.fabric8.kubernetes.api.model.ContainerStatus c = new io.fabric8.kubernetes.api.model.ContainerStatus();
        c.setName(p.getSpec().getContainers().get(0).getName());
        c.setRestartCount(2);
        c.setReady(false);
        c.setState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .endWaiting()
                .build());
        c.setLastState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
                .withNewTerminated()
                .withExitCode(1)
                .endTerminated()
                .build());
        st.setContainerStatuses(new ArrayList<>(List.of(c)));
        p.setStatus(st);
        bump(p);
        pods.put(podName, p);
    }

    void setPhase(String podName, String phase) {
        Pod p = copy(pods.get(podName), Pod.class);
        p.getStatus().setPhase(phase);
        p.getStatus().setConditions(new ArrayList<>());
        bump(p);
        pods.put(podName, p);
    }

    void markTerminating(String podName) {
        Pod p = copy(pods.get(podName), Pod.class);
        p.getMetadata().setDeletionTimestamp(clock.instant().toString());
        bump(p);
        pods.put(podName, p);
    }

    void clearRecords() {
        created.clear();
        deleted.clear();
        events.clear();
        statusWrites.clear();
        daemonSetUpdates.clear();
        createdRevisions.clear();
        deletedRevisions.clear();
        labelPatches.clear();
        createAttempts = 0;
        daemonSetGets = 0;
    }

    List<String> eventReasons() {
        return events.stream().map(Event::reason).toList();
    }

    // ---- world ----

    @Override
    public Optional<DaemonSet> daemonSet(String namespace, String name) {
        return Optional.ofNullable(daemonSets.get(name));
    }

    @Override
    public List<DaemonSet> daemonSets() {
        return List.copyOf(daemonSets.values());
    }

    @Override
    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    @Override
    public List<Pod> pods(String namespace) {
        return pods.values().stream()
                .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
                .toList();
    }

    @Override
    public List<ControllerRevision> revisions(String namespace) {
        return revisions.values().stream()
                .filter(r -> namespace.equals(r.getMetadata().getNamespace()))
                .toList();
    }

    // ---- actions ----

    @Override
    public Pod createPod(String namespace, Pod pod) {
        createAttempts++;
        if (created.size() >= createQuota) {
            throw new ActionException(ActionException.Kind.OTHER, "pods \"x\" is forbidden: exceeded quota");
        }
        Pod p = copy(pod, Pod.class);
        p.getMetadata().setName(pod.getMetadata().getGenerateName() + String.format("%05d", ++seq));
        p.getMetadata().setNamespace(namespace);
        p.getMetadata().setUid("uid-" + p.getMetadata().getName());
        p.getMetadata().setCreationTimestamp(clock.instant().toString());
        PodStatus st = new PodStatus();
        st.setPhase("Pending");
        p.setStatus(st);
        bump(p);
        pods.put(p.getMetadata().getName(), p);
        created.add(p);
        if (observer != null) {
            observer.onPodAdded(p);
        }
        return p;
    }

    @Override
    public void deletePod(String namespace, String name) {
        Pod p = pods.remove(name);
        if (p == null) {
            throw new ActionException(ActionException.Kind.NOT_FOUND, "pods \"" + name + "\" not found");
        }
        deleted.add(name);
        if (observer != null) {
            observer.onPodDeleted(p);
        }
    }

    @Override
    public void patchPodLabels(String namespace, String name, Map<String, String> labels) {
        Pod p = copy(pods.get(name), Pod.class);
        Map<String, String> merged = new LinkedHashMap<>(p.getMetadata().getLabels());
        merged.putAll(labels);
        p.getMetadata().setLabels(merged);
        bump(p);
        pods.put(name, p);
        labelPatches.put(name, labels);
    }

    /** In-place updates (E6.2) as written, in order. */
    final List<Pod> podUpdates = new ArrayList<>();

    @Override
    public Pod updatePod(Pod pod) {
        Pod cur = pods.get(pod.getMetadata().getName());
        if (cur == null) {
            throw new ActionException(
                    ActionException.Kind.NOT_FOUND,
                    "pods \"" + pod.getMetadata().getName() + "\" not found");
        }
        if (pod.getMetadata().getResourceVersion() != null
                && !pod.getMetadata()
                        .getResourceVersion()
                        .equals(cur.getMetadata().getResourceVersion())) {
            throw new ActionException(ActionException.Kind.CONFLICT, "the object has been modified");
        }
        Pod p = copy(pod, Pod.class);
        p.setStatus(cur.getStatus());
        bump(p);
        pods.put(p.getMetadata().getName(), p);
        podUpdates.add(copy(p, Pod.class));
        return copy(p, Pod.class);
    }

    @Override
    public Pod setPodCondition(Pod pod, io.fabric8.kubernetes.api.model.PodCondition condition) {
        Pod cur = pods.get(pod.getMetadata().getName());
        if (cur == null) {
            throw new ActionException(
                    ActionException.Kind.NOT_FOUND,
                    "pods \"" + pod.getMetadata().getName() + "\" not found");
        }
        if (pod.getMetadata().getResourceVersion() != null
                && !pod.getMetadata()
                        .getResourceVersion()
                        .equals(cur.getMetadata().getResourceVersion())) {
            throw new ActionException(ActionException.Kind.CONFLICT, "the object has been modified");
        }
        Pod p = copy(cur, Pod.class);
        if (p.getStatus() == null) {
            p.setStatus(new PodStatus());
        }
        List<io.fabric8.kubernetes.api.model.PodCondition> conditions = new ArrayList<>(
                p.getStatus().getConditions() == null
                        ? List.of()
                        : p.getStatus().getConditions());
        conditions.removeIf(c -> condition.getType().equals(c.getType()));
        conditions.add(condition);
        p.getStatus().setConditions(conditions);
        bump(p);
        pods.put(p.getMetadata().getName(), p);
        return copy(p, Pod.class);
    }

    @Override
    public Pod adoptPod(Pod pod, DaemonSet ds) {
        Pod p = copy(pods.get(pod.getMetadata().getName()), Pod.class);
        List<OwnerReference> refs = new ArrayList<>(
                p.getMetadata().getOwnerReferences() == null
                        ? List.of()
                        : p.getMetadata().getOwnerReferences());
        refs.add(PodTemplates.controllerRef(ds));
        p.getMetadata().setOwnerReferences(refs);
        bump(p);
        pods.put(p.getMetadata().getName(), p);
        return p;
    }

    @Override
    public void releasePod(Pod pod, DaemonSet ds) {
        Pod p = copy(pods.get(pod.getMetadata().getName()), Pod.class);
        p.getMetadata()
                .setOwnerReferences(p.getMetadata().getOwnerReferences().stream()
                        .filter(r -> !ds.getMetadata().getUid().equals(r.getUid()))
                        .toList());
        bump(p);
        pods.put(p.getMetadata().getName(), p);
    }

    @Override
    public ControllerRevision createRevision(String namespace, ControllerRevision revision) {
        String name = revision.getMetadata().getName();
        if (revisions.containsKey(name)) {
            throw new ActionException(
                    ActionException.Kind.ALREADY_EXISTS, "controllerrevisions.apps \"" + name + "\" already exists");
        }
        ControllerRevision r = copy(revision, ControllerRevision.class);
        bump(r);
        revisions.put(name, r);
        createdRevisions.add(name);
        return r;
    }

    @Override
    public Optional<ControllerRevision> getRevision(String namespace, String name) {
        return Optional.ofNullable(revisions.get(name));
    }

    @Override
    public ControllerRevision updateRevision(String namespace, ControllerRevision revision) {
        ControllerRevision r = copy(revision, ControllerRevision.class);
        bump(r);
        revisions.put(r.getMetadata().getName(), r);
        return r;
    }

    @Override
    public void deleteRevision(String namespace, String name) {
        if (revisions.remove(name) == null) {
            throw new ActionException(ActionException.Kind.NOT_FOUND, "not found");
        }
        deletedRevisions.add(name);
    }

    @Override
    public ControllerRevision adoptRevision(ControllerRevision revision, DaemonSet ds) {
        ControllerRevision r = copy(revisions.get(revision.getMetadata().getName()), ControllerRevision.class);
        r.getMetadata().setOwnerReferences(List.of(PodTemplates.controllerRef(ds)));
        bump(r);
        revisions.put(r.getMetadata().getName(), r);
        return r;
    }

    @Override
    public void releaseRevision(ControllerRevision revision, DaemonSet ds) {
        ControllerRevision r = copy(revisions.get(revision.getMetadata().getName()), ControllerRevision.class);
        r.getMetadata().setOwnerReferences(List.of());
        bump(r);
        revisions.put(r.getMetadata().getName(), r);
    }

    @Override
    public Optional<DaemonSet> getDaemonSet(String namespace, String name) {
        daemonSetGets++;
        if (daemonSetGetFails) {
            throw new ActionException(ActionException.Kind.OTHER, "get failed");
        }
        return Optional.ofNullable(daemonSets.get(name)).map(d -> freshDaemonSet.apply(copy(d, DaemonSet.class)));
    }

    /** As the API server: a template change bumps generation and template generation (R3.6); status is kept. */
    @Override
    public DaemonSet updateDaemonSet(DaemonSet ds) {
        daemonSetUpdates.add(copy(ds, DaemonSet.class));
        DaemonSet current = daemonSets.get(ds.getMetadata().getName());
        DaemonSet stored = copy(ds, DaemonSet.class);
        stored.setStatus(current.getStatus());
        if (!java.util.Objects.equals(
                io.everynode.api.json.Json.tree(current.getSpec()),
                io.everynode.api.json.Json.tree(stored.getSpec()))) {
            long gen = current.getMetadata().getGeneration() + 1;
            stored.getMetadata().setGeneration(gen);
            stored.getMetadata().getAnnotations().put(PodFacts.TEMPLATE_GENERATION_ANNOTATION, Long.toString(gen));
        }
        bump(stored);
        daemonSets.put(stored.getMetadata().getName(), stored);
        return copy(stored, DaemonSet.class);
    }

    @Override
    public DaemonSet updateStatus(DaemonSet ds) {
        statusWrites.add(copy(ds, DaemonSet.class));
        if (statusFailures > 0) {
            statusFailures--;
            throw new ActionException(ActionException.Kind.CONFLICT, "the object has been modified");
        }
        DaemonSet stored = copy(daemonSets.get(ds.getMetadata().getName()), DaemonSet.class);
        stored.setStatus(copy(ds.getStatus(), io.fabric8.kubernetes.api.model.apps.DaemonSetStatus.class));
        bump(stored);
        daemonSets.put(stored.getMetadata().getName(), stored);
        return stored;
    }

    @Override
    public void recordEvent(DaemonSet ds, String type, String reason, String message) {
        events.add(new Event(type, reason, message));
    }

    private void bump(HasMetadata obj) {
        obj.getMetadata().setResourceVersion(Integer.toString(++seq));
    }

    static <T> T copy(T obj, Class<T> type) {
        return Json.MAPPER.convertValue(obj, type);
    }
}
