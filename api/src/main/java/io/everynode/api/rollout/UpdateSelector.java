package io.everynode.api.rollout;

import io.everynode.api.selector.Selector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Optional;

/**
 * E4.2: the update selector ({@link AdvancedRollout#UPDATE_SELECTOR}), OpenKruise's {@code
 * rollingUpdate.selector}: only pods on nodes whose labels match are replaced by the rolling
 * update. Written in kubectl's selector text; validation refuses text that does not parse (E4.4;
 * blank is no selector), and the controller treats an unreadable value as absent.
 */
public final class UpdateSelector {
    private UpdateSelector() {}

    /** The selector the annotations set, empty when absent, blank or unreadable. */
    public static Optional<Selector> of(ObjectMeta meta) {
        String text = RolloutGuard.annotation(meta, AdvancedRollout.UPDATE_SELECTOR);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Selector.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
