package io.everynode.store;

/**
 * The store could not be reached, or did not answer within its request timeout (etcd without a
 * quorum, every member down). A write that failed this way may still commit later; it has not been
 * acknowledged. The API server answers it as upstream does a storage timeout: 504 Timeout.
 */
public class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
