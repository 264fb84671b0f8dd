package io.everynode.store;

/** Thrown when the key does not exist. */
public class KeyNotFoundException extends StoreException {
    private static final long serialVersionUID = 1L;

    public KeyNotFoundException(String message) {
        super(message);
    }
}
