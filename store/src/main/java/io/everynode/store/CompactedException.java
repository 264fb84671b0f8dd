package io.everynode.store;

/** Thrown when a list or watch asks for a revision older than the compaction revision. */
public class CompactedException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final long compactRevision;

    public CompactedException(long requested, long compactRevision) {
        super("required revision " + requested + " has been compacted (oldest available: " + compactRevision + ")");
        this.compactRevision = compactRevision;
    }

    public long compactRevision() {
        return compactRevision;
    }
}
