package io.everynode.advisor.why;

/** The one-word answer for a node, as the table's VERDICT column prints it. */
public enum Verdict {
    RUNS("runs"),
    SHOULD_NOT_RUN("should-not-run"),
    CANNOT_FIT("cannot-fit"),
    WAITING("waiting"),
    NOT_READY("not-ready"),
    EVICTED("evicted");

    private final String word;

    Verdict(String word) {
        this.word = word;
    }

    /** The column's word. */
    public String word() {
        return word;
    }
}
