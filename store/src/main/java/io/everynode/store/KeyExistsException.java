package io.everynode.store;

/** Thrown when the key already exists. */
public class KeyExistsException extends StoreException {
    private static final long serialVersionUID = 1L;

    public KeyExistsException(String message) {
        super(message);
    }
}
