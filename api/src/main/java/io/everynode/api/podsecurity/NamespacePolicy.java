package io.everynode.api.podsecurity;

import io.everynode.api.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The level and version each mode applies in a namespace, read from its labels ({@code
 * pod-security.kubernetes.io/enforce|audit|warn} and their {@code -version}s) over a default
 * (upstream's {@code PolicyToEvaluate}).
 */
public record NamespacePolicy(LevelVersion enforce, LevelVersion audit, LevelVersion warn) {
    public static final String PREFIX = "pod-security.kubernetes.io/";
    public static final String ENFORCE = PREFIX + "enforce";
    public static final String AUDIT = PREFIX + "audit";
    public static final String WARN = PREFIX + "warn";

    /** Upstream's default: privileged at latest for every mode. */
    public static final NamespacePolicy PRIVILEGED = new NamespacePolicy(
            LevelVersion.PRIVILEGED_LATEST, LevelVersion.PRIVILEGED_LATEST, LevelVersion.PRIVILEGED_LATEST);

    /**
     * A policy, always usable, and the label values that were invalid. As upstream: an invalid
     * enforce level enforces restricted, an invalid audit or warn level is privileged (fails
     * open), an invalid version is latest. Without a warn label, warn follows an explicit
     * enforce level that is stricter.
     */
    public record Parsed(NamespacePolicy policy, List<FieldError> errors) {}

    public boolean fullyPrivileged() {
        return enforce.level() == Level.PRIVILEGED
                && audit.level() == Level.PRIVILEGED
                && warn.level() == Level.PRIVILEGED;
    }

    public static Parsed parse(Map<String, String> labels, NamespacePolicy defaults) {
        if (labels == null || labels.isEmpty()) return new Parsed(defaults, List.of());
        List<FieldError> errors = new ArrayList<>();
        LevelVersion enforce = mode(labels, ENFORCE, defaults.enforce, Level.RESTRICTED, errors);
        LevelVersion audit = mode(labels, AUDIT, defaults.audit, Level.PRIVILEGED, errors);
        LevelVersion warn = mode(labels, WARN, defaults.warn, Level.PRIVILEGED, errors);
        // As upstream: an explicit enforce level stricter than warn's default also warns, so a
        // workload whose pods it will refuse is warned about when it is written.
        if (!labels.containsKey(WARN)
                && labels.containsKey(ENFORCE)
                && enforce.level().compareTo(warn.level()) > 0) {
            warn = new LevelVersion(
                    enforce.level(), labels.containsKey(WARN + "-version") ? warn.version() : enforce.version());
        }
        return new Parsed(new NamespacePolicy(enforce, audit, warn), errors);
    }

    private static LevelVersion mode(
            Map<String, String> labels, String key, LevelVersion fallback, Level onError, List<FieldError> errors) {
        Level level = fallback.level();
        String version = fallback.version();
        if (labels.containsKey(key)) {
            String value = labels.get(key);
            level = Level.parse(value).orElse(onError);
            if (Level.parse(value).isEmpty()) {
                errors.add(FieldError.invalid(
                        "metadata.labels[" + key + "]", value, "must be one of privileged, baseline, restricted"));
            }
        }
        String versionKey = key + "-version";
        if (labels.containsKey(versionKey)) {
            String value = labels.get(versionKey);
            if (LevelVersion.validVersion(value)) {
                version = value;
            } else {
                version = LevelVersion.LATEST;
                errors.add(FieldError.invalid(
                        "metadata.labels[" + versionKey + "]", value, "must be \"latest\" or \"v1.x\""));
            }
        }
        return new LevelVersion(level, version);
    }
}
