package io.everynode.controllers.replicaset;

import io.everynode.api.json.Json;
import io.everynode.controllers.daemonset.ActionException;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory namespace for the ReplicaSet controller: its world and its actions at once, so a
 * write is what the next sync reads. Records events and deleted pod names.
 */
final class ReplicaWorld implements ReplicaSetWorld, ReplicaSetActions {
    static final String NS = "web";

    final Map<String, ReplicaSet> sets = new LinkedHashMap<>();
    final Map<String, Pod> pods = new LinkedHashMap<>();
    final List<String> events = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();
    final List<Pod> created = new ArrayList<>();
    private final Clock clock;
    private int seq;

    ReplicaWorld(Clock clock) {
        this.clock = clock;
    }

    static ReplicaSet replicaSet(String name, int replicas, Map<String, String> labels) {
        return new ReplicaSetBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .withUid("uid-" + name)
                .withGeneration(1L)
                .withResourceVersion("1")
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(labels)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("web")
                .withImage("web:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    ReplicaSet add(ReplicaSet rs) {
        sets.put(rs.getMetadata().getName(), rs);
        return rs;
    }

    /** A pod of the namespace, optionally owned, on {@code node} (null: unscheduled). */
    Pod pod(String name, Map<String, String> labels, String node, String phase, boolean ready, String owner) {
        PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .withUid("uid-" + name)
                .withResourceVersion("1")
                .withLabels(labels)
                .withCreationTimestamp(clock.instant().toString())
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .withLastTransitionTime(clock.instant().toString())
                .endCondition()
                .endStatus();
        if (owner != null) {
            b.editMetadata()
                    .addNewOwnerReference()
                    .withApiVersion("apps/v1")
                    .withKind("ReplicaSet")
                    .withName(owner)
                    .withUid("uid-" + owner)
                    .withController(true)
                    .endOwnerReference()
                    .endMetadata();
        }
        Pod p = b.build();
        pods.put(name, p);
        return p;
    }

    @Override
    public Optional<ReplicaSet> replicaSet(String namespace, String name) {
        return Optional.ofNullable(sets.get(name));
    }

    @Override
    public List<ReplicaSet> replicaSets(String namespace) {
        return List.copyOf(sets.values());
    }

    @Override
    public List<Pod> pods(String namespace) {
        return List.copyOf(pods.values());
    }

    @Override
    public Pod createPod(String namespace, Pod pod) {
        Pod p = Json.MAPPER.convertValue(pod, Pod.class);
        p.getMetadata().setName(pod.getMetadata().getGenerateName() + (++seq));
        p.getMetadata().setUid("uid-" + p.getMetadata().getName());
        p.getMetadata().setCreationTimestamp(clock.instant().toString());
        pods.put(p.getMetadata().getName(), p);
        created.add(p);
        return p;
    }

    @Override
    public void deletePod(String namespace, String name) {
        if (pods.remove(name) == null) throw new ActionException(ActionException.Kind.NOT_FOUND, name);
        deleted.add(name);
    }

    @Override
    public void adoptPod(Pod pod, OwnerReference owner) {
        Pod p = pods.get(pod.getMetadata().getName());
        List<OwnerReference> refs = new ArrayList<>(p.getMetadata().getOwnerReferences());
        refs.add(owner);
        p.getMetadata().setOwnerReferences(refs);
    }

    @Override
    public void releasePod(Pod pod, OwnerReference owner) {
        Pod p = pods.get(pod.getMetadata().getName());
        p.getMetadata()
                .setOwnerReferences(p.getMetadata().getOwnerReferences().stream()
                        .filter(r -> !r.getUid().equals(owner.getUid()))
                        .toList());
    }

    @Override
    public Optional<ReplicaSet> getReplicaSet(String namespace, String name) {
        return replicaSet(namespace, name);
    }

    @Override
    public ReplicaSet updateStatus(ReplicaSet rs) {
        sets.put(rs.getMetadata().getName(), rs);
        return rs;
    }

    @Override
    public void recordEvent(ReplicaSet rs, String type, String reason, String message) {
        events.add(reason + ": " + message);
    }
}
