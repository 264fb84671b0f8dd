package io.everynode.apiserver.protobuf;

/** A protobuf body this server cannot read: malformed, or carrying what no descriptor here knows. */
public final class ProtobufException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whether JSON would do where protobuf did not (an unknown kind or field), rather than a malformed body. */
    private final boolean unsupported;

    public ProtobufException(String message) {
        this(message, true);
    }

    public ProtobufException(String message, boolean unsupported) {
        super(message);
        this.unsupported = unsupported;
    }

    public boolean unsupported() {
        return unsupported;
    }
}
