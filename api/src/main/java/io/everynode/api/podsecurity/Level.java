package io.everynode.api.podsecurity;

import java.util.Optional;

/** Upstream's three Pod Security levels, from the most to the least permissive. */
public enum Level {
    PRIVILEGED("privileged"),
    BASELINE("baseline"),
    RESTRICTED("restricted");

    private final String label;

    Level(String label) {
        this.label = label;
    }

    /** The value of the namespace label, e.g. {@code baseline}. */
    public String label() {
        return label;
    }

    /** The level a label value names, if it names one (case matters, as upstream). */
    public static Optional<Level> parse(String value) {
        for (Level l : values()) {
            if (l.label.equals(value)) return Optional.of(l);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
