package io.everynode.store;

/** Base of the store's failures; an unexpected I/O failure is a plain StoreException. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
