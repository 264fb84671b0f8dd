package io.everynode.images.registry;

/**
 * A pull that did not succeed, in containerd's words (what the kubelet shows after
 * "ErrImagePull"): {@code failed to pull and unpack image "X": …}. {@link #notFound()} tells an
 * unknown repository, tag or digest from the rest.
 */
public final class PullFailed extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean notFound;

    PullFailed(String message, boolean notFound, Throwable cause) {
        super(message, cause);
        this.notFound = notFound;
    }

    public boolean notFound() {
        return notFound;
    }
}
