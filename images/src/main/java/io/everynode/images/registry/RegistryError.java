package io.everynode.images.registry;

import java.io.IOException;

/** A registry request that failed: the HTTP status (0 when no answer came) and containerd's words for it. */
final class RegistryError extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    RegistryError(int status, String message) {
        super(message);
        this.status = status;
    }

    RegistryError(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    int status() {
        return status;
    }
}
