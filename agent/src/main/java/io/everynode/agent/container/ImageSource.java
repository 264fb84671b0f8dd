package io.everynode.agent.container;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Makes a container's image present on the node and answers what the runtime needs to run it.
 * Applies the container's {@code imagePullPolicy} (Always, IfNotPresent, Never; the API server
 * defaulted it) and the pod's {@code imagePullSecrets}; the caller (the runtime) owns the
 * back-off between failed tries (ErrImagePull, then ImagePullBackOff). May block for as long as
 * a pull takes; thread-safe.
 */
public interface ImageSource {
    /**
     * The image of {@code container}, pulled if the policy asks for it.
     *
     * @throws ImageUnavailable when the image cannot be had, with the kubelet's reason and the
     *     registry's or store's words
     */
    PreparedImage prepare(Pod pod, Container container) throws ImageUnavailable;

    /**
     * As {@link #prepare(Pod, Container)}, telling {@code progress} when a pull begins and ends
     * (a source that never pulls tells it nothing: the image was present).
     */
    default PreparedImage prepare(Pod pod, Container container, Progress progress) throws ImageUnavailable {
        return prepare(pod, container);
    }

    /** What a source tells of a pull while it prepares an image, in order; the caller times them. */
    interface Progress {
        Progress NONE = new Progress() {};

        /** The policy asks for a pull: it begins now (waiting first for a pull of the same image in flight). */
        default void pulling() {}

        /** The waiting is over: the registry is asked from now on. */
        default void fetching() {}

        /** The pull succeeded; the image is {@code size} bytes (its compressed layers and config). */
        default void pulled(long size) {}
    }
}
