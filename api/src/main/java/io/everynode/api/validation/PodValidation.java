package io.everynode.api.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;

/** Pod create/update validation. Call after {@code Defaults.defaultPod}. */
public final class PodValidation {
    /** Upstream's wording, so users recognise it. */
    static final String UPDATE_FORBIDDEN = "pod updates may not change fields other than "
            + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
            + "`spec.tolerations` (only additions to existing tolerations),"
            + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PodValidation() {}

    public static List<FieldError> validateCreate(Pod pod) {
        List<FieldError> errs =
                ObjectMetaValidation.validate(pod.getMetadata(), true, ObjectMetaValidation.NameRule.DNS_SUBDOMAIN);
        PodSpecValidation.spec(errs, pod.getSpec(), "spec");
        return errs;
    }

    /**
     * The spec is immutable except container images, activeDeadlineSeconds (set, or lowered),
     * toleration additions (and tolerationSeconds changes), and terminationGracePeriodSeconds
     * from negative to 1. Metadata rules as {@link ObjectMetaValidation#validateUpdate}.
     */
    public static List<FieldError> validateUpdate(Pod newPod, Pod oldPod) {
        List<FieldError> errs = ObjectMetaValidation.validateUpdate(newPod.getMetadata(), oldPod.getMetadata());
        PodSpecValidation.spec(errs, newPod.getSpec(), "spec");
        PodSpec n = newPod.getSpec() == null ? new PodSpec() : newPod.getSpec();
        PodSpec o = oldPod.getSpec() == null ? new PodSpec() : oldPod.getSpec();
        activeDeadline(errs, n.getActiveDeadlineSeconds(), o.getActiveDeadlineSeconds());
        onlyAddedTolerations(errs, n.getTolerations(), o.getTolerations());
        PodSpec munged = new PodSpecBuilder(o).build();
        copyImages(munged.getContainers(), n.getContainers());
        copyImages(munged.getInitContainers(), n.getInitContainers());
        munged.setActiveDeadlineSeconds(n.getActiveDeadlineSeconds());
        munged.setTolerations(n.getTolerations());
        Long oldGrace = o.getTerminationGracePeriodSeconds();
        if (oldGrace != null && oldGrace < 0 && Long.valueOf(1).equals(n.getTerminationGracePeriodSeconds())) {
            munged.setTerminationGracePeriodSeconds(1L);
        }
        if (!JSON.valueToTree(munged).equals(JSON.valueToTree(n))) {
            errs.add(FieldError.forbidden("spec", UPDATE_FORBIDDEN + "\n" + diff(munged, n)));
        }
        return errs;
    }

    private static void activeDeadline(List<FieldError> errs, Long n, Long o) {
        if (n != null) {
            if (n < 0 || n > Integer.MAX_VALUE) {
                errs.add(FieldError.invalid(
                        "spec.activeDeadlineSeconds", n, Common.inclusiveRange(0, Integer.MAX_VALUE)));
            } else if (o != null && o < n) {
                errs.add(FieldError.invalid(
                        "spec.activeDeadlineSeconds", n, "must be less than or equal to previous value"));
            }
        } else if (o != null) {
            errs.add(FieldError.invalid(
                    "spec.activeDeadlineSeconds", null, "must not update from a positive integer to nil value"));
        }
    }

    private static void onlyAddedTolerations(List<FieldError> errs, List<Toleration> n, List<Toleration> o) {
        if (o == null) {
            return;
        }
        List<Toleration> now = n == null ? List.of() : n;
        for (Toleration old : o) {
            boolean found = false;
            for (Toleration t : now) {
                Toleration clone = new TolerationBuilder(old)
                        .withTolerationSeconds(t.getTolerationSeconds())
                        .build();
                if (clone.equals(t)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                errs.add(FieldError.forbidden(
                        "spec.tolerations", "existing toleration can not be modified except its tolerationSeconds"));
                return;
            }
        }
    }

    private static void copyImages(List<Container> into, List<Container> from) {
        if (into == null || from == null || into.size() != from.size()) {
            return;
        }
        for (int i = 0; i < into.size(); i++) {
            into.get(i).setImage(from.get(i).getImage());
        }
    }

    /** A short list of the changed top-level spec fields (upstream prints a full cmp.Diff). */
    private static String diff(PodSpec a, PodSpec b) {
        @SuppressWarnings("unchecked")
        Map<String, Object> ma = JSON.convertValue(a, Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> mb = JSON.convertValue(b, Map.class);
        TreeSet<String> keys = new TreeSet<>(ma.keySet());
        keys.addAll(mb.keySet());
        StringBuilder sb = new StringBuilder("changed:");
        for (String k : keys) {
            if (!Objects.equals(ma.get(k), mb.get(k))) {
                sb.append(" spec.").append(k);
            }
        }
        return sb.toString();
    }
}
