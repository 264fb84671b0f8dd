package io.everynode.api.validation;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.util.List;

/**
 * Minimal core/v1 Event validation: a namespaced, named object with an involvedObject whose
 * namespace, when set, equals the event's. Upstream checks much more (reportingController,
 * series, eventTime) only for events.k8s.io/v1-created events.
 */
public final class EventValidation {
    private EventValidation() {}

    public static List<FieldError> validateCreate(Event event) {
        List<FieldError> errs =
                ObjectMetaValidation.validate(event.getMetadata(), true, ObjectMetaValidation.NameRule.DNS_SUBDOMAIN);
        ObjectReference ref = event.getInvolvedObject();
        if (ref == null) {
            errs.add(FieldError.required("involvedObject", ""));
            return errs;
        }
        String ns = event.getMetadata() == null ? null : event.getMetadata().getNamespace();
        if (!Common.empty(ref.getNamespace()) && !ref.getNamespace().equals(ns)) {
            errs.add(FieldError.invalid(
                    "involvedObject.namespace", ref.getNamespace(), "does not match event.namespace"));
        }
        return errs;
    }

    public static List<FieldError> validateUpdate(Event newEvent, Event oldEvent) {
        List<FieldError> errs = ObjectMetaValidation.validateUpdate(newEvent.getMetadata(), oldEvent.getMetadata());
        errs.addAll(validateCreate(newEvent).stream()
                .filter(e -> !e.field().startsWith("metadata."))
                .toList());
        return errs;
    }
}
