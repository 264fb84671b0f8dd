package io.everynode.apiserver.audit;

import java.util.Optional;

/** When in a request's life an event is written (upstream's stages). */
public enum AuditStage {
    /** As soon as the request is authenticated and its audit level known. */
    REQUEST_RECEIVED("RequestReceived"),
    /** When a streamed answer (a watch, a followed log) has sent its headers. */
    RESPONSE_STARTED("ResponseStarted"),
    /** When the answer is complete. */
    RESPONSE_COMPLETE("ResponseComplete"),
    /** Upstream's stage for a handler that panicked; never written here (a failure is a 500 answer). */
    PANIC("Panic");

    private final String wire;

    AuditStage(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<AuditStage> of(String wire) {
        for (AuditStage s : values()) if (s.wire.equals(wire)) return Optional.of(s);
        return Optional.empty();
    }
}
