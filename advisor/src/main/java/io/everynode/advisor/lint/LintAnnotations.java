package io.everynode.advisor.lint;

/** The annotations lint reads on an object's metadata (docs/lint.md). */
final class LintAnnotations {
    /** Codes or names of rules to silence for this object, comma-separated; {@code all} for every rule. */
    static final String IGNORE = "everynode.io/lint-ignore";
    /** The object's intent: {@value #EVERY_NODE} or {@value #SELECTED_NODES}. */
    static final String INTENT = "everynode.io/lint-intent";

    static final String EVERY_NODE = "every-node";
    static final String SELECTED_NODES = "selected-nodes";

    private LintAnnotations() {}
}
