package io.everynode.apiserver.audit;

import java.util.Optional;

/** How much of a request the audit log keeps, upstream's four levels in increasing order. */
public enum AuditLevel {
    /** Nothing: the request is not logged. */
    NONE("None"),
    /** Who asked for what and the answer's code: no request or response bodies. */
    METADATA("Metadata"),
    /** Metadata and the request body. */
    REQUEST("Request"),
    /** Metadata and both bodies. */
    REQUEST_RESPONSE("RequestResponse");

    private final String wire;

    AuditLevel(String wire) {
        this.wire = wire;
    }

    /** The name in policies and events, e.g. {@code RequestResponse}. */
    public String wire() {
        return wire;
    }

    public boolean atLeast(AuditLevel other) {
        return compareTo(other) >= 0;
    }

    public static Optional<AuditLevel> of(String wire) {
        for (AuditLevel l : values()) if (l.wire.equals(wire)) return Optional.of(l);
        return Optional.empty();
    }
}
