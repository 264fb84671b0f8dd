package io.everynode.api.podsecurity;

import java.util.List;
import java.util.stream.Collectors;

/** The failed checks of one pod at one level, in upstream's order, rendered as upstream does. */
public record Evaluation(List<Violation> violations) {
    public Evaluation {
        violations = List.copyOf(violations);
    }

    public boolean allowed() {
        return violations.isEmpty();
    }

    /** The reasons alone, comma-separated (the existing-pods warnings use these). */
    public String forbiddenReason() {
        return violations.stream().map(Violation::reason).collect(Collectors.joining(", "));
    }

    /** {@code reason (detail), reason (detail)}: what follows {@code violates PodSecurity "…": }. */
    public String forbiddenDetail() {
        return violations.stream()
                .map(v -> v.detail().isEmpty() ? v.reason() : v.reason() + " (" + v.detail() + ")")
                .collect(Collectors.joining(", "));
    }
}
