package io.everynode.api.scheduling;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Taint/toleration matching (R1.5). */
public final class Tolerations {
    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
    public static final String NO_EXECUTE = "NoExecute";

    private Tolerations() {}

    /**
     * R1.5: empty effect matches any effect; empty key matches any key; operator Exists ignores
     * the value, Equal (or empty) needs equal values (null reads as ""). tolerationSeconds is not
     * considered. Unknown operators (e.g. the alpha Gt/Lt) match nothing.
     */
    public static boolean tolerates(Toleration toleration, Taint taint) {
        String effect = nz(toleration.getEffect());
        if (!effect.isEmpty() && !effect.equals(nz(taint.getEffect()))) {
            return false;
        }
        String key = nz(toleration.getKey());
        if (!key.isEmpty() && !key.equals(nz(taint.getKey()))) {
            return false;
        }
        return switch (nz(toleration.getOperator())) {
            case "Exists" -> true;
            case "", "Equal" -> Objects.equals(nz(toleration.getValue()), nz(taint.getValue()));
            default -> false;
        };
    }

    /** True if at least one toleration in the list tolerates the taint. */
    public static boolean tolerated(Taint taint, List<Toleration> tolerations) {
        if (tolerations == null) {
            return false;
        }
        for (Toleration t : tolerations) {
            if (tolerates(t, taint)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first taint, in node order, whose effect is in {@code effects} and which no toleration
     * tolerates; empty if all such taints are tolerated. Returning the taint lets a caller name
     * it ("node(s) had untolerated taint {key: value}").
     */
    public static Optional<Taint> untoleratedTaint(
            List<Taint> taints, List<Toleration> tolerations, Set<String> effects) {
        if (taints == null) {
            return Optional.empty();
        }
        for (Taint taint : taints) {
            if (effects.contains(nz(taint.getEffect())) && !tolerated(taint, tolerations)) {
                return Optional.of(taint);
            }
        }
        return Optional.empty();
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
