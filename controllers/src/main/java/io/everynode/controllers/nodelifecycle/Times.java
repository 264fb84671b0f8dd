package io.everynode.controllers.nodelifecycle;

import java.time.Instant;

/** Timestamps as the API stores them (RFC 3339 strings); absent or empty reads as null. */
final class Times {
    private Times() {}

    static Instant parse(String ts) {
        return ts == null || ts.isEmpty() ? null : Instant.parse(ts);
    }

    static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
