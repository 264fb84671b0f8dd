package io.everynode.controllers.deployment;

import io.everynode.api.json.Json;
import io.everynode.controllers.daemonset.ActionException;
import io.everynode.controllers.daemonset.SyncResult;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory namespace for the Deployment controller: its world and its actions at once, plus a
 * stand-in for the ReplicaSet controller ({@link #settle}) that makes every ReplicaSet's pods
 * exist and, unless their image is broken, become available at once.
 */
final class RolloutWorld implements DeploymentWorld, DeploymentActions {
    static final String NS = "web";

    Deployment deployment;
    final Map<String, ReplicaSet> sets = new LinkedHashMap<>();
    final List<String> events = new ArrayList<>();
    final Set<String> brokenImages = new HashSet<>();
    /** Pods of old ReplicaSets that are still shutting down (Recreate waits for them). */
    final List<Pod> pods = new ArrayList<>();

    private final Clock clock;
    private final DeploymentController controller;
    private int rv = 1;
    private long created;

    RolloutWorld(Clock clock) {
        this.clock = clock;
        this.controller = new DeploymentController(this, this, clock);
    }

    static Deployment deployment(int replicas, String image) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace(NS)
                .withUid("uid-web")
                .withGeneration(1L)
                .withResourceVersion("1")
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(Map.of("app", "web"))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Map.of("app", "web"))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("web")
                .withImage(image)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    static Deployment rolling(int replicas, String image, Object surge, Object unavailable) {
        Deployment d = deployment(replicas, image);
        d.getSpec()
                .setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder()
                        .withType("RollingUpdate")
                        .withNewRollingUpdate()
                        .withMaxSurge(intOrString(surge))
                        .withMaxUnavailable(intOrString(unavailable))
                        .endRollingUpdate()
                        .build());
        return d;
    }

    private static IntOrString intOrString(Object v) {
        return v instanceof Integer i ? new IntOrString(i) : new IntOrString((String) v);
    }

    /** Changes the Deployment's spec as a user would: generation goes up. */
    void edit(java.util.function.Consumer<Deployment> change) {
        Deployment d = Json.MAPPER.convertValue(deployment, Deployment.class);
        change.accept(d);
        d.getMetadata().setGeneration(d.getMetadata().getGeneration() + 1);
        deployment = d;
    }

    void setImage(String image) {
        edit(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image));
    }

    SyncResult sync() {
        SyncResult r = controller.sync(NS + "/web");
        r.error().ifPresent(e -> {
            throw new AssertionError("sync failed", e);
        });
        return r;
    }

    /** The ReplicaSet controller's part: status follows spec; broken images never become available. */
    void settle() {
        for (ReplicaSet rs : sets.values()) {
            int n = RolloutPlanner.replicas(rs);
            boolean broken = brokenImages.contains(
                    rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
            ReplicaSetStatus s = new ReplicaSetStatus();
            s.setReplicas(n);
            s.setReadyReplicas(broken ? 0 : n);
            s.setAvailableReplicas(broken ? 0 : n);
            s.setObservedGeneration(rs.getMetadata().getGeneration());
            rs.setStatus(s);
        }
    }

    /** Syncs and settles until nothing changes; checks {@code invariant} after every sync. */
    void rollOut(Runnable invariant) {
        for (int i = 0; i < 50; i++) {
            String before = Json.MAPPER.writeValueAsString(List.of(sets, deployment));
            sync();
            invariant.run();
            settle();
            if (before.equals(Json.MAPPER.writeValueAsString(List.of(sets, deployment)))) return;
        }
        throw new AssertionError("the rollout did not settle in 50 syncs");
    }

    void rollOut() {
        rollOut(() -> {});
    }

    ReplicaSet byImage(String image) {
        return sets.values().stream()
                .filter(rs -> image.equals(rs.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ReplicaSet runs " + image + ": " + sets.keySet()));
    }

    int totalSpec() {
        return sets.values().stream().mapToInt(RolloutPlanner::replicas).sum();
    }

    int totalAvailable() {
        return sets.values().stream().mapToInt(RolloutPlanner::available).sum();
    }

    Map<String, Integer> sizesByImage() {
        Map<String, Integer> m = new HashMap<>();
        for (ReplicaSet rs : sets.values())
            m.put(rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), RolloutPlanner.replicas(rs));
        return m;
    }

    // ---- DeploymentWorld ----

    @Override
    public Optional<Deployment> deployment(String namespace, String name) {
        return Optional.ofNullable(deployment);
    }

    @Override
    public List<Deployment> deployments(String namespace) {
        return deployment == null ? List.of() : List.of(deployment);
    }

    @Override
    public List<ReplicaSet> replicaSets(String namespace) {
        return sets.values().stream()
                .map(rs -> Json.MAPPER.convertValue(rs, ReplicaSet.class))
                .toList();
    }

    @Override
    public Optional<ReplicaSet> replicaSet(String namespace, String name) {
        return Optional.ofNullable(sets.get(name));
    }

    @Override
    public List<Pod> pods(String namespace) {
        return List.copyOf(pods);
    }

    // ---- DeploymentActions ----

    @Override
    public ReplicaSet createReplicaSet(String namespace, ReplicaSet rs) {
        if (sets.containsKey(rs.getMetadata().getName()))
            throw new ActionException(
                    ActionException.Kind.ALREADY_EXISTS, rs.getMetadata().getName());
        ReplicaSet stored = Json.MAPPER.convertValue(rs, ReplicaSet.class);
        stored.getMetadata().setUid("uid-" + rs.getMetadata().getName());
        stored.getMetadata().setResourceVersion(Integer.toString(++rv));
        stored.getMetadata().setGeneration(1L);
        stored.getMetadata()
                .setCreationTimestamp(clock.instant().plusMillis(++created).toString());
        sets.put(stored.getMetadata().getName(), stored);
        return stored;
    }

    @Override
    public ReplicaSet updateReplicaSet(ReplicaSet rs) {
        ReplicaSet cur = sets.get(rs.getMetadata().getName());
        if (cur == null)
            throw new ActionException(
                    ActionException.Kind.NOT_FOUND, rs.getMetadata().getName());
        if (!cur.getMetadata().getResourceVersion().equals(rs.getMetadata().getResourceVersion()))
            throw new ActionException(
                    ActionException.Kind.CONFLICT, "stale " + rs.getMetadata().getName());
        ReplicaSet stored = Json.MAPPER.convertValue(rs, ReplicaSet.class);
        stored.setStatus(cur.getStatus());
        stored.getMetadata().setResourceVersion(Integer.toString(++rv));
        sets.put(stored.getMetadata().getName(), stored);
        return stored;
    }

    @Override
    public void deleteReplicaSet(String namespace, String name) {
        sets.remove(name);
    }

    @Override
    public void adoptReplicaSet(ReplicaSet rs, OwnerReference owner) {
        ReplicaSet cur = sets.get(rs.getMetadata().getName());
        List<OwnerReference> refs = new ArrayList<>(cur.getMetadata().getOwnerReferences());
        refs.add(owner);
        cur.getMetadata().setOwnerReferences(refs);
        cur.getMetadata().setResourceVersion(Integer.toString(++rv));
    }

    @Override
    public void releaseReplicaSet(ReplicaSet rs, OwnerReference owner) {
        ReplicaSet cur = sets.get(rs.getMetadata().getName());
        cur.getMetadata().setOwnerReferences(List.of());
        cur.getMetadata().setResourceVersion(Integer.toString(++rv));
    }

    @Override
    public Optional<Deployment> getDeployment(String namespace, String name) {
        return Optional.ofNullable(deployment);
    }

    @Override
    public Optional<ReplicaSet> getReplicaSet(String namespace, String name) {
        return Optional.ofNullable(sets.get(name));
    }

    @Override
    public Deployment setRevision(Deployment d, String revision) {
        Deployment copy = Json.MAPPER.convertValue(deployment, Deployment.class);
        if (copy.getMetadata().getAnnotations() == null) copy.getMetadata().setAnnotations(new HashMap<>());
        copy.getMetadata().getAnnotations().put(Revisions.REVISION, revision);
        deployment = copy;
        return copy;
    }

    @Override
    public Deployment updateStatus(Deployment d) {
        Deployment copy = Json.MAPPER.convertValue(deployment, Deployment.class);
        copy.setStatus(d.getStatus());
        deployment = copy;
        return copy;
    }

    @Override
    public void recordEvent(Deployment d, String type, String reason, String message) {
        events.add(reason + ": " + message);
    }
}
