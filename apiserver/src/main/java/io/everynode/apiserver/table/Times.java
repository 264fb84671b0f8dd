package io.everynode.apiserver.table;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Timestamp parsing and "time since" text, as upstream's translateTimestampSince. */
final class Times {
    private Times() {}

    /**
     * Parses an RFC 3339 timestamp (metav1.Time or MicroTime text). Absent, blank or unparseable
     * text is the zero time upstream, so it is empty here.
     */
    static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException notUtc) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException unparseable) {
                return Optional.empty();
            }
        }
    }

    /** {@code <unknown>} for a zero timestamp, else the human duration from it to {@code now}. */
    static String since(String timestamp, Instant now) {
        return since(parse(timestamp), now);
    }

    static String since(Optional<Instant> timestamp, Instant now) {
        return timestamp.map(t -> HumanDuration.of(Duration.between(t, now))).orElse("<unknown>");
    }
}
