package io.everynode.store;

/** Thrown when the key was modified since the expected revision. */
public class ConflictException extends StoreException {
    public ConflictException(String message) {
        super(message);
    }
}
