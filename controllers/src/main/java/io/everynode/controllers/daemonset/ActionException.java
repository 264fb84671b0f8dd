package io.everynode.controllers.daemonset;

/**
 * A failed {@link DaemonSetActions} call, typed so the controller can react the way upstream
 * does: NotFound deletes are not errors (R2.9), AlreadyExists on a revision create means a hash
 * collision (R4.4), Conflict on a status write triggers one GET-and-retry (R3.2).
 */
public final class ActionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, in API-status terms. */
    public enum Kind {
        NOT_FOUND,
        ALREADY_EXISTS,
        CONFLICT,
        NAMESPACE_TERMINATING,
        OTHER
    }

    private final Kind kind;

    public ActionException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ActionException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean is(Kind k) {
        return kind == k;
    }
}
