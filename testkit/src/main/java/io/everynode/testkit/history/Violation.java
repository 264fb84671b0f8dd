package io.everynode.testkit.history;

/**
 * One broken rule, as a line a person reads: which rule, which operation or event, what was
 * expected.
 */
public record Violation(Rule rule, String message) {

    public enum Rule {
        /** Rule 1: an acknowledged write missing or changed; an unknown one half done. */
        ACKNOWLEDGED_WRITES,
        /** Rule 2: a watcher's events out of order, duplicated or with a gap. */
        WATCH_ORDER,
        /** Rule 3: a list at a revision differs from the watched history replayed to it. */
        LIST_REPLAY,
        /** Rule 4: a DaemonSet rollout exceeded maxUnavailable or maxSurge. */
        ROLLOUT_BUDGET,
        /** Rule 5: a server wrote as an elected controller while another server held that Lease. */
        FENCING
    }

    @Override
    public String toString() {
        return rule + ": " + message;
    }
}
