package io.everynode.controllers.daemonset;

import io.everynode.api.json.Json;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * E6.2: whether a pod of one template can be updated in place to another, as OpenKruise decides
 * it (its defaultCalculateInPlaceUpdateSpec): the pod specs may differ only in
 * {@code spec.containers[*].image} (same containers, same order), and the metadata only in labels
 * and annotations, which the update sets on the pod. Any other difference (an env var, a new
 * container, an init container's image, resources) needs a new pod. Pure.
 */
final class InPlaceEligibility {
    private InPlaceEligibility() {}

    /**
     * The images to set (container name → new image, only the changed ones; empty for a
     * metadata-only change), or empty when the change cannot be made in place.
     */
    static Optional<Map<String, String>> imageChanges(PodTemplateSpec from, PodTemplateSpec to) {
        PodSpec a = from.getSpec() == null ? new PodSpec() : from.getSpec();
        PodSpec b = to.getSpec() == null ? new PodSpec() : to.getSpec();
        List<Container> ca = a.getContainers() == null ? List.of() : a.getContainers();
        List<Container> cb = b.getContainers() == null ? List.of() : b.getContainers();
        if (ca.size() != cb.size()) {
            return Optional.empty();
        }
        Map<String, String> images = new LinkedHashMap<>();
        PodSpec masked = Json.MAPPER.convertValue(a, PodSpec.class);
        for (int i = 0; i < ca.size(); i++) {
            if (!Objects.equals(ca.get(i).getName(), cb.get(i).getName())) {
                return Optional.empty();
            }
            if (!Objects.equals(ca.get(i).getImage(), cb.get(i).getImage())) {
                images.put(cb.get(i).getName(), cb.get(i).getImage());
                masked.getContainers().get(i).setImage(cb.get(i).getImage());
            }
        }
        if (!Json.MAPPER.valueToTree(masked).equals(Json.MAPPER.valueToTree(b))) {
            return Optional.empty();
        }
        return otherMetadataEqual(from.getMetadata(), to.getMetadata()) ? Optional.of(images) : Optional.empty();
    }

    /** Template metadata apart from labels and annotations (a template rarely has more) is unchanged. */
    private static boolean otherMetadataEqual(ObjectMeta a, ObjectMeta b) {
        ObjectMeta x = a == null ? new ObjectMeta() : Json.MAPPER.convertValue(a, ObjectMeta.class);
        ObjectMeta y = b == null ? new ObjectMeta() : Json.MAPPER.convertValue(b, ObjectMeta.class);
        x.setLabels(null);
        x.setAnnotations(null);
        y.setLabels(null);
        y.setAnnotations(null);
        return Json.MAPPER.valueToTree(x).equals(Json.MAPPER.valueToTree(y));
    }
}
