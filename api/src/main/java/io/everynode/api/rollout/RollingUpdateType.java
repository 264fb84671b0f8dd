package io.everynode.api.rollout;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.Optional;

/**
 * E6.1: how a rolling update replaces a pod, OpenKruise's {@code rollingUpdate.rollingUpdateType}
 * carried by the annotation {@link AdvancedRollout#ROLLING_UPDATE_TYPE}. Absent means {@link
 * #STANDARD}. Validation refuses any other value (E6.5), so the controller reads only valid ones
 * and treats one it might find from before this rule as Standard.
 */
public enum RollingUpdateType {
    /** Delete the old pod, then create the new one (upstream's RollingUpdate; maxSurge applies as usual). */
    STANDARD("Standard"),
    /** Kruise's older name for a maxSurge rollout: the same as Standard with maxSurge (E6.1). */
    SURGING("Surging"),
    /** An image-only change updates the running pod's containers in place (E6.2); others recreate. */
    IN_PLACE_IF_POSSIBLE("InPlaceIfPossible");

    private final String value;

    RollingUpdateType(String value) {
        this.value = value;
    }

    /** The annotation's value, as Kruise spells it. */
    public String value() {
        return value;
    }

    /** The value named exactly so, empty for any other text. */
    public static Optional<RollingUpdateType> parse(String value) {
        for (RollingUpdateType t : values()) {
            if (t.value.equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type the object's annotations set; Standard when absent or invalid. */
    public static RollingUpdateType of(ObjectMeta meta) {
        Map<String, String> a = meta == null ? null : meta.getAnnotations();
        String v = a == null ? null : a.get(AdvancedRollout.ROLLING_UPDATE_TYPE);
        return v == null ? STANDARD : parse(v).orElse(STANDARD);
    }
}
