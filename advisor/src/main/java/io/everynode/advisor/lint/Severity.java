package io.everynode.advisor.lint;

import java.util.Locale;

/** How much a finding matters; {@code --fail-on} compares against it. Ordered, least first. */
public enum Severity {
    INFO,
    WARNING,
    ERROR;

    /** The lower-case word the outputs and {@code --fail-on} use. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
