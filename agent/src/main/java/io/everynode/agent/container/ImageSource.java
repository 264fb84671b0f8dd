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
}
