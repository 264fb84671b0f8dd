package io.everynode.agent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Where a runtime that pulls images ({@link RuntimeCapabilities#imagePulls()}) reports each try at
 * starting a container: that a pull begins, then how the try ended. Facts only; the agent decides
 * which events they make. Called from whichever thread makes the try (the agent's sync for a first
 * start, the runtime's own for a retry), never under the runtime's lock; must not block.
 */
public interface ImagePullListener {
    ImagePullListener NONE = new ImagePullListener() {
        @Override
        public void pulling(Pod pod, Container container) {}

        @Override
        public void tried(Pod pod, Container container, PullAttempt attempt, RuntimeContainer after) {}
    };

    /** A pull of {@code container}'s image begins now (its pull policy asked for one). */
    void pulling(Pod pod, Container container);

    /**
     * A try at starting {@code container} ended: how its image was had (or why not), and the
     * container as it stands after the try ({@code after}: running or ended with an instance id
     * when it was started; waiting, with the reason, when it was not).
     */
    void tried(Pod pod, Container container, PullAttempt attempt, RuntimeContainer after);
}
