package io.everynode.apiserver.strategy;

import io.everynode.api.validation.FieldError;
import io.everynode.api.validation.LeaseValidation;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.List;

/** Leases (node heartbeats, leader election). */
final class LeaseStrategy extends TypedStrategy<Lease> {
    LeaseStrategy() {
        super(Lease.class);
    }

    @Override
    List<FieldError> validateCreate(Lease obj, WriteContext ctx) {
        return LeaseValidation.validateCreate(obj);
    }

    @Override
    List<FieldError> validateUpdate(Lease obj, Lease old, WriteContext ctx) {
        return LeaseValidation.validateUpdate(obj, old);
    }
}
