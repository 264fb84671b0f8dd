package io.everynode.controllers.daemonset;

import io.everynode.api.json.Json;
import io.everynode.api.scheduling.DaemonTolerations;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** R2.10: the pod the controller creates for a node. Pure; the DaemonSet is not modified. */
final class PodTemplates {
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private PodTemplates() {}

    /** The node-independent part: template copy, labels, tolerations, metadata, owner. */
    static Pod base(DaemonSet ds, String hash) {
        PodTemplateSpec template = ds.getSpec().getTemplate() == null
                ? new PodTemplateSpec()
                : Json.MAPPER.convertValue(ds.getSpec().getTemplate(), PodTemplateSpec.class);
        ObjectMeta tm = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        PodSpec spec = template.getSpec() == null ? new PodSpec() : template.getSpec();
        spec.setTolerations(
                DaemonTolerations.withAutomatic(spec.getTolerations(), Boolean.TRUE.equals(spec.getHostNetwork())));

        Map<String, String> labels = new LinkedHashMap<>(tm.getLabels() == null ? Map.of() : tm.getLabels());
        labels.put(PodFacts.HASH_LABEL, hash);
        String generation = PodFacts.templateGeneration(ds);
        if (generation != null) {
            labels.put(PodFacts.TEMPLATE_GENERATION_LABEL, generation);
        }
        ObjectMeta meta = new ObjectMeta();
        String prefix = ds.getMetadata().getName() + "-";
        meta.setGenerateName(validPrefix(prefix) ? prefix : ds.getMetadata().getName());
        meta.setNamespace(ds.getMetadata().getNamespace());
        meta.setLabels(labels);
        if (tm.getAnnotations() != null && !tm.getAnnotations().isEmpty()) {
            meta.setAnnotations(new LinkedHashMap<>(tm.getAnnotations()));
        }
        if (tm.getFinalizers() != null && !tm.getFinalizers().isEmpty()) {
            meta.setFinalizers(List.copyOf(tm.getFinalizers()));
        }
        meta.setOwnerReferences(List.of(controllerRef(ds)));
        Pod pod = new Pod();
        pod.setApiVersion("v1");
        pod.setKind("Pod");
        pod.setMetadata(meta);
        pod.setSpec(spec);
        return pod;
    }

    /**
     * A copy of {@code base} pinned to {@code node}: the required node affinity becomes exactly
     * one term {@code metadata.name In [node]} (user terms replaced; preferred terms and pod
     * (anti-)affinity kept). nodeName stays as the template had it (normally empty).
     */
    static Pod forNode(Pod base, String node) {
        Pod pod = Json.MAPPER.convertValue(base, Pod.class);
        PodSpec spec = pod.getSpec();
        Affinity affinity = spec.getAffinity() == null ? new Affinity() : spec.getAffinity();
        NodeAffinity na = affinity.getNodeAffinity() == null ? new NodeAffinity() : affinity.getNodeAffinity();
        NodeSelectorRequirement req = new NodeSelectorRequirement("metadata.name", "In", List.of(node));
        NodeSelectorTerm term = new NodeSelectorTerm();
        term.setMatchFields(List.of(req));
        na.setRequiredDuringSchedulingIgnoredDuringExecution(new NodeSelector(List.of(term)));
        affinity.setNodeAffinity(na);
        spec.setAffinity(affinity);
        return pod;
    }

    /**
     * The controller reference to {@code ds}, of its own apiVersion: {@code apps/v1}, or
     * {@code apps.kruise.io/v1alpha1} for the view of an Advanced DaemonSet (E7.3), so pods and
     * revisions are owned by the object the user created and collected with it.
     */
    static OwnerReference controllerRef(DaemonSet ds) {
        OwnerReference ref = new OwnerReference();
        ref.setApiVersion(ds.getApiVersion() == null ? "apps/v1" : ds.getApiVersion());
        ref.setKind("DaemonSet");
        ref.setName(ds.getMetadata().getName());
        ref.setUid(ds.getMetadata().getUid());
        ref.setController(true);
        ref.setBlockOwnerDeletion(true);
        return ref;
    }

    /** The generated name (prefix + 5 characters) must still be a DNS subdomain of ≤ 253 chars. */
    private static boolean validPrefix(String prefix) {
        String probe = prefix + "abcde";
        return probe.length() <= 253 && DNS_SUBDOMAIN.matcher(probe).matches();
    }
}
