package io.everynode.testkit.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a recorded {@link History} against the four rules of docs/ha.md "Checking histories" and
 * answers every violation as a readable line (none: the history is good).
 *
 * <pre>{@code
 * List<Violation> v = HistoryChecker.clientsOwnTheirKeys().check(history);
 * assertThat(v).isEmpty();
 * }</pre>
 */
public final class HistoryChecker {
    private final boolean clientsOwnTheirKeys;

    private HistoryChecker(boolean clientsOwnTheirKeys) {
        this.clientsOwnTheirKeys = clientsOwnTheirKeys;
    }

    /**
     * For histories where only the recorded clients write the keys they write (a write burst):
     * every revision of those keys must then be one of their writes, whole.
     */
    public static HistoryChecker clientsOwnTheirKeys() {
        return new HistoryChecker(true);
    }

    /** For histories where controllers also write the clients' keys (a DaemonSet's status, say). */
    public static HistoryChecker sharedKeys() {
        return new HistoryChecker(false);
    }

    public List<Violation> check(History history) {
        KnownRevisions known = new KnownRevisions(history);
        List<Violation> out = new ArrayList<>(known.violations());
        out.addAll(new AcknowledgedWritesCheck(history, known, clientsOwnTheirKeys).check());
        out.addAll(new WatchOrderCheck(history, known).check());
        out.addAll(new ListReplayCheck(history).check());
        out.addAll(new RolloutBudgetCheck(known).check());
        return out;
    }
}
