package io.everynode.apiserver.rest;

import io.everynode.api.validation.FieldError;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.errors.Statuses;
import java.util.List;

/**
 * The {@code fieldValidation} query parameter of create, update and patch: {@code Strict}
 * refuses unknown and duplicate fields (400), {@code Warn} (the default, also for an empty
 * value) answers them as {@code Warning} headers, {@code Ignore} drops them silently. Any
 * other value is refused as upstream refuses it: 422 on the verb's options kind, e.g.
 * {@code CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Bogus": ...}.
 */
final class FieldValidation {
    static final String STRICT = "Strict";
    static final String WARN = "Warn";
    static final String IGNORE = "Ignore";
    private static final List<String> ALLOWED = List.of("", IGNORE, STRICT, WARN);

    private FieldValidation() {}

    /** The mode a write asked for; refuses an unknown one before anything is read or written. */
    static String of(ApiRequest req) {
        String v = req.param("fieldValidation");
        if (v == null || v.isEmpty()) return WARN;
        if (ALLOWED.contains(v)) return v;
        String optionsKind = switch (req.method()) {
            case "PUT" -> "UpdateOptions";
            case "PATCH" -> "PatchOptions";
            default -> "CreateOptions";
        };
        FieldError e = FieldError.notSupported("fieldValidation", v, ALLOWED);
        throw Statuses.invalid(
                "meta.k8s.io",
                optionsKind,
                "",
                List.of(new Statuses.Cause(e.field(), e.type().reason, e.causeMessage())));
    }
}
