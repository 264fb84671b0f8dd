package io.everynode.controllers.replicaset;

import io.everynode.api.json.Json;
import io.everynode.controllers.manager.OwnerClaims;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.LinkedHashMap;
import java.util.List;

/** The pods a ReplicaSet creates (upstream GetPodFromTemplate) and its controller reference. Pure. */
final class ReplicaPods {
    private ReplicaPods() {}

    static OwnerReference ownerRef(ReplicaSet rs) {
        return OwnerClaims.controllerRef(rs, "apps/v1", "ReplicaSet");
    }

    /** A new pod from the template: generateName {@code <rs>-}, the template's labels and annotations, owned by {@code rs}. */
    static Pod fromTemplate(ReplicaSet rs) {
        PodTemplateSpec t = rs.getSpec().getTemplate();
        ObjectMeta tm = t.getMetadata() == null ? new ObjectMeta() : t.getMetadata();
        ObjectMeta m = new ObjectMeta();
        m.setGenerateName(rs.getMetadata().getName() + "-");
        m.setNamespace(rs.getMetadata().getNamespace());
        if (tm.getLabels() != null) m.setLabels(new LinkedHashMap<>(tm.getLabels()));
        if (tm.getAnnotations() != null) m.setAnnotations(new LinkedHashMap<>(tm.getAnnotations()));
        if (tm.getFinalizers() != null && !tm.getFinalizers().isEmpty())
            m.setFinalizers(List.copyOf(tm.getFinalizers()));
        m.setOwnerReferences(List.of(ownerRef(rs)));
        Pod pod = new Pod();
        pod.setApiVersion("v1");
        pod.setKind("Pod");
        pod.setMetadata(m);
        pod.setSpec(Json.MAPPER.convertValue(t.getSpec(), io.fabric8.kubernetes.api.model.PodSpec.class));
        return pod;
    }
}
