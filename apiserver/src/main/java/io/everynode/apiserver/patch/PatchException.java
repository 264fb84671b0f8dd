package io.everynode.apiserver.patch;

/**
 * A patch that cannot be decoded or applied. The message is meant for a person (it ends up in
 * the {@code Status.message} kubectl prints); {@link #reason()} tells the server which HTTP
 * status to answer with, following the upstream API server: a patch it cannot read is 400, a
 * well-formed patch that does not fit the object is 422.
 */
public final class PatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the patch was refused, and the HTTP status the server should answer with. */
    public enum Reason {
        /** The patch itself is malformed (wrong shape, unknown op or directive): 400 Bad Request. */
        MALFORMED(400),
        /** The patch is well formed but cannot be applied to this object: 422 Unprocessable Entity. */
        NOT_APPLICABLE(422);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public PatchException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static PatchException malformed(String format, Object... args) {
        return new PatchException(Reason.MALFORMED, String.format(format, args));
    }

    static PatchException notApplicable(String format, Object... args) {
        return new PatchException(Reason.NOT_APPLICABLE, String.format(format, args));
    }
}
