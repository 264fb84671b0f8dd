package io.everynode.api.validation;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;

/** A pod template inside a controller (upstream ValidatePodTemplateSpec): labels, annotations, spec. */
public final class PodTemplateValidation {
    private PodTemplateValidation() {}

    /** @param path the template's path, e.g. {@code spec.template} */
    public static List<FieldError> validate(PodTemplateSpec template, String path) {
        List<FieldError> errs = Common.list();
        if (template == null) {
            errs.add(FieldError.required(path, ""));
            return errs;
        }
        if (template.getMetadata() != null) {
            Common.labels(errs, template.getMetadata().getLabels(), path + ".metadata.labels");
            Common.annotations(errs, template.getMetadata().getAnnotations(), path + ".metadata.annotations");
        }
        PodSpecValidation.spec(errs, template.getSpec(), path + ".spec");
        return errs;
    }
}
