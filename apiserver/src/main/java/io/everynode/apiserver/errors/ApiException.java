package io.everynode.apiserver.errors;

import tools.jackson.databind.node.ObjectNode;

/**
 * A request failed with a Kubernetes {@code Status}; the REST layer writes {@link #status()}
 * as the response body with {@link #code()} as the HTTP status. Build them with {@link Statuses}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final ObjectNode status;

    ApiException(int code, String message, ObjectNode status) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public int code() {
        return code;
    }

    public ObjectNode status() {
        return status.deepCopy();
    }

    public String reason() {
        return status.path("reason").asString("");
    }
}
