package io.everynode.store;

/** Thrown when the key was modified since the expected revision. */
public class ConflictException extends StoreException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
