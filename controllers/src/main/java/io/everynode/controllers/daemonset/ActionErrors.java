package io.everynode.controllers.daemonset;

import io.everynode.client.ApiError;
import java.util.function.Supplier;

/** API errors as the typed {@link ActionException}s the workload controllers react to. Stateless. */
public final class ActionErrors {
    private ActionErrors() {}

    /** Runs one API call, translating its failure. */
    public static <T> T call(Supplier<T> write) {
        try {
            return write.get();
        } catch (ApiError e) {
            throw translate(e);
        } catch (ActionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ActionException(ActionException.Kind.OTHER, e.getMessage(), e);
        }
    }

    public static ActionException translate(ApiError e) {
        ActionException.Kind kind;
        if (e.isNotFound()) kind = ActionException.Kind.NOT_FOUND;
        else if (e.isAlreadyExists()) kind = ActionException.Kind.ALREADY_EXISTS;
        else if (e.isConflict()) kind = ActionException.Kind.CONFLICT;
        else if (e.code() == 403 && String.valueOf(e.getMessage()).contains("being terminated")) {
            kind = ActionException.Kind.NAMESPACE_TERMINATING;
        } else kind = ActionException.Kind.OTHER;
        return new ActionException(kind, e.getMessage(), e);
    }
}
