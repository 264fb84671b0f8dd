package io.everynode.store;

/** Thrown when the key does not exist. */
public class KeyNotFoundException extends StoreException {
    public KeyNotFoundException(String message) {
        super(message);
    }
}
