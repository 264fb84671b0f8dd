package io.everynode.api.podsecurity;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Evaluates a pod (or a pod template) against a level, as upstream's policy registry does: the
 * baseline checks in the order of their ids, and for restricted the baseline checks it does not
 * replace followed by its own, again by id. That order is the order of the violations in every
 * message, so kubectl prints the same text as against upstream.
 */
public final class PodSecurityStandards {
    private static final List<Check> BASELINE =
            sorted(Stream.of(HostChecks.all(), PrivilegeChecks.all(), ProfileChecks.all())
                    .flatMap(List::stream)
                    .toList());
    private static final List<Check> RESTRICTED = restricted();

    private PodSecurityStandards() {}

    /**
     * The failed checks of {@code spec} at {@code level}. Every version is evaluated with the
     * latest checks; privileged passes everything.
     */
    public static Evaluation evaluate(LevelVersion level, ObjectMeta meta, PodSpec spec) {
        List<Check> checks = switch (level.level()) {
            case PRIVILEGED -> List.of();
            case BASELINE -> BASELINE;
            case RESTRICTED -> RESTRICTED;
        };
        ObjectMeta m = meta == null ? new ObjectMeta() : meta;
        List<Violation> out = new ArrayList<>();
        for (Check c : checks) {
            Violation v = c.rule().check(m, spec);
            if (v != null) out.add(v);
        }
        return new Evaluation(out);
    }

    /** The ids of the checks run at {@code level}, in evaluation order. */
    public static List<String> checkIds(Level level) {
        return switch (level) {
            case PRIVILEGED -> List.of();
            case BASELINE -> BASELINE.stream().map(Check::id).toList();
            case RESTRICTED -> RESTRICTED.stream().map(Check::id).toList();
        };
    }

    private static List<Check> restricted() {
        List<Check> own = sorted(RestrictedChecks.all());
        Set<String> replaced = new HashSet<>();
        own.forEach(c -> replaced.addAll(c.overrides()));
        List<Check> all = new ArrayList<>();
        for (Check c : BASELINE) {
            if (!replaced.contains(c.id())) all.add(c);
        }
        all.addAll(own);
        return List.copyOf(all);
    }

    private static List<Check> sorted(List<Check> checks) {
        return checks.stream().sorted(Comparator.comparing(Check::id)).toList();
    }
}
