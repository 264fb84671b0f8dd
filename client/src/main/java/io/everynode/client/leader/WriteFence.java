package io.everynode.client.leader;

import java.io.IOException;

/**
 * Whether writes may go out now: open while this process leads, closed from the moment its
 * renew deadline passes ({@link LeaseElection}). {@link FencedTransport} asks before every write.
 */
@FunctionalInterface
public interface WriteFence {
    /** A fence that is always open (no election). */
    WriteFence OPEN = () -> {};

    /** Returns when writes may go out; throws {@link Fenced} saying why they may not. */
    void check() throws Fenced;

    /** A write refused on this side: this process does not (or no longer) lead. */
    final class Fenced extends IOException {
        private static final long serialVersionUID = 1L;

        public Fenced(String message) {
            super(message);
        }
    }
}
