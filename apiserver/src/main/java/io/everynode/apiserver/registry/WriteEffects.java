package io.everynode.apiserver.registry;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a strategy took outside the object during one write attempt (a Service's clusterIP claim
 * and nodePorts), with what to do once the attempt is over: keep it and let go of what the
 * stored version no longer needs, or give it back when the object was not stored (invalid,
 * refused by admission, a conflict, a store error), so nothing half-written stays behind.
 *
 * <p>One per write attempt, used by the one request thread that makes it; {@link #finish} runs
 * once, in the Registry's {@code finally}.
 */
public final class WriteEffects {
    /** One thing a write took; both methods must not throw (log instead: the repair pass mends). */
    public interface Effect {
        /** The write stored {@code obj} (the version now in the store). */
        void stored(ObjectNode obj);

        /** The write stored nothing. */
        void abandoned();
    }

    private final List<Effect> effects = new ArrayList<>();
    private boolean finished;

    public void add(Effect effect) {
        if (finished) throw new IllegalStateException("write already finished");
        effects.add(effect);
    }

    /**
     * Ends the attempt: {@code stored} is the object as stored, or null when nothing was. Effects
     * run newest first.
     */
    public void finish(ObjectNode stored) {
        if (finished) return;
        finished = true;
        for (int i = effects.size() - 1; i >= 0; i--) {
            if (stored != null) effects.get(i).stored(stored);
            else effects.get(i).abandoned();
        }
    }
}
