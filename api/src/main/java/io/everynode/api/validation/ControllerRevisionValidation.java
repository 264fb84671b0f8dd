package io.everynode.api.validation;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import java.util.List;
import java.util.Objects;

/** ControllerRevision validation (R6.7): data mandatory and immutable, revision ≥ 0. */
public final class ControllerRevisionValidation {
    private ControllerRevisionValidation() {}

    public static List<FieldError> validateCreate(ControllerRevision cr) {
        List<FieldError> errs =
                ObjectMetaValidation.validate(cr.getMetadata(), true, ObjectMetaValidation.NameRule.DNS_SUBDOMAIN);
        body(errs, cr);
        return errs;
    }

    /** The revision number may change (rollback renumbering, R4.3 step 7); data may not. */
    public static List<FieldError> validateUpdate(ControllerRevision newCr, ControllerRevision oldCr) {
        List<FieldError> errs = ObjectMetaValidation.validateUpdate(newCr.getMetadata(), oldCr.getMetadata());
        body(errs, newCr);
        if (newCr.getData() != null && !Objects.equals(newCr.getData(), oldCr.getData())) {
            errs.add(FieldError.invalid("data", newCr.getData(), Common.IMMUTABLE));
        }
        return errs;
    }

    private static void body(List<FieldError> errs, ControllerRevision cr) {
        if (cr.getData() == null) {
            errs.add(FieldError.required("data", "data is mandatory"));
        }
        Common.nonNegative(errs, cr.getRevision(), "revision");
    }
}
