package io.everynode.apiserver.encryption;

/** A stored value that none of the configured providers can read (a wrong or missing key). */
public final class EncryptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EncryptionException(String message) {
        super(message);
    }

    public EncryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
