package io.everynode.api.validation;

import io.everynode.api.Priorities;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.List;
import java.util.Objects;

/**
 * PriorityClass validation (R8.2). The one-global-default rule needs the other classes, so the
 * caller passes the classes currently stored; upstream enforces that rule in admission with a
 * Forbidden error, reported here on {@code globalDefault}.
 */
public final class PriorityClassValidation {
    static final List<String> POLICIES = List.of("Never", "PreemptLowerPriority");

    private PriorityClassValidation() {}

    public static List<FieldError> validateCreate(PriorityClass pc, List<PriorityClass> existing) {
        List<FieldError> errs =
                ObjectMetaValidation.validate(pc.getMetadata(), false, ObjectMetaValidation.NameRule.DNS_SUBDOMAIN);
        body(errs, pc);
        oneDefault(errs, pc, existing);
        return errs;
    }

    public static List<FieldError> validateUpdate(
            PriorityClass newPc, PriorityClass oldPc, List<PriorityClass> existing) {
        List<FieldError> errs = ObjectMetaValidation.validateUpdate(newPc.getMetadata(), oldPc.getMetadata());
        body(errs, newPc);
        if (!Objects.equals(newPc.getValue(), oldPc.getValue())) {
            errs.add(FieldError.forbidden("value", "may not be changed in an update."));
        }
        if (!Objects.equals(newPc.getPreemptionPolicy(), oldPc.getPreemptionPolicy())) {
            errs.add(FieldError.invalid("preemptionPolicy", newPc.getPreemptionPolicy(), Common.IMMUTABLE));
        }
        oneDefault(errs, newPc, existing);
        return errs;
    }

    private static void body(List<FieldError> errs, PriorityClass pc) {
        String name = pc.getMetadata() == null || pc.getMetadata().getName() == null
                ? ""
                : pc.getMetadata().getName();
        if (pc.getValue() == null) {
            errs.add(FieldError.required("value", ""));
        } else if (name.startsWith(Priorities.SYSTEM_PREFIX)) {
            String why = systemClassProblem(name, pc.getValue(), Boolean.TRUE.equals(pc.getGlobalDefault()));
            if (why != null) {
                errs.add(FieldError.forbidden(
                        "metadata.name",
                        "priority class names with '" + Priorities.SYSTEM_PREFIX
                                + "' prefix are reserved for system use only. error: " + why));
            }
        } else if (pc.getValue() > Priorities.HIGHEST_USER_DEFINABLE_PRIORITY) {
            errs.add(FieldError.forbidden(
                    "value",
                    "maximum allowed value of a user defined priority is "
                            + Priorities.HIGHEST_USER_DEFINABLE_PRIORITY));
        }
        if (pc.getPreemptionPolicy() != null && !POLICIES.contains(pc.getPreemptionPolicy())) {
            errs.add(FieldError.notSupported("preemptionPolicy", pc.getPreemptionPolicy(), POLICIES));
        }
    }

    /** Null if {@code name} is exactly a built-in class (R8.1), else why not. */
    static String systemClassProblem(String name, int value, boolean globalDefault) {
        Integer known = Priorities.SYSTEM_CLASSES.get(name);
        if (known == null) {
            return name + " is not a known system priority class";
        }
        if (known != value) {
            return "value of " + name + " PriorityClass must be " + known;
        }
        if (globalDefault) {
            return "globalDefault of " + name + " PriorityClass must be false";
        }
        return null;
    }

    private static void oneDefault(List<FieldError> errs, PriorityClass pc, List<PriorityClass> existing) {
        if (!Boolean.TRUE.equals(pc.getGlobalDefault()) || existing == null) {
            return;
        }
        String name = pc.getMetadata() == null ? null : pc.getMetadata().getName();
        for (PriorityClass other : existing) {
            String otherName =
                    other.getMetadata() == null ? null : other.getMetadata().getName();
            if (Boolean.TRUE.equals(other.getGlobalDefault()) && !Objects.equals(otherName, name)) {
                errs.add(FieldError.forbidden(
                        "globalDefault",
                        "PriorityClass " + otherName + " is already marked as default. Only one default can exist"));
                return;
            }
        }
    }
}
