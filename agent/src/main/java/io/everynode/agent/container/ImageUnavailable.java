package io.everynode.agent.container;

import java.util.Objects;

/**
 * Why an image cannot be had, in the kubelet's terms: {@code reason} is the container's waiting
 * reason for this try ({@link #PULL_FAILED} ErrImagePull, {@link #NEVER_PULL} ErrImageNeverPull,
 * {@link #INVALID_NAME} InvalidImageName); the runtime turns repeated failures into
 * ImagePullBackOff itself. The message is what the registry or the store said, for a person.
 */
public final class ImageUnavailable extends Exception {
    public static final String PULL_FAILED = "ErrImagePull";
    public static final String NEVER_PULL = "ErrImageNeverPull";
    public static final String INVALID_NAME = "InvalidImageName";

    private static final long serialVersionUID = 1L;
    private final String reason;

    public ImageUnavailable(String reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ImageUnavailable(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public String reason() {
        return reason;
    }
}
