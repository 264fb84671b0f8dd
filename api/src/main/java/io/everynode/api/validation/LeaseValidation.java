package io.everynode.api.validation;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.List;

/** Lease validation (node heartbeats, leader election): durations positive, transitions ≥ 0. */
public final class LeaseValidation {
    private LeaseValidation() {}

    public static List<FieldError> validateCreate(Lease lease) {
        List<FieldError> errs =
                ObjectMetaValidation.validate(lease.getMetadata(), true, ObjectMetaValidation.NameRule.DNS_SUBDOMAIN);
        spec(errs, lease);
        return errs;
    }

    public static List<FieldError> validateUpdate(Lease newLease, Lease oldLease) {
        List<FieldError> errs = ObjectMetaValidation.validateUpdate(newLease.getMetadata(), oldLease.getMetadata());
        spec(errs, newLease);
        return errs;
    }

    private static void spec(List<FieldError> errs, Lease lease) {
        if (lease.getSpec() == null) {
            return;
        }
        Integer d = lease.getSpec().getLeaseDurationSeconds();
        if (d != null && d <= 0) {
            errs.add(FieldError.invalid("spec.leaseDurationSeconds", d, "must be greater than 0"));
        }
        Common.nonNegative(errs, lease.getSpec().getLeaseTransitions(), "spec.leaseTransitions");
    }
}
