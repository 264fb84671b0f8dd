package io.everynode.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * One validation failure at a field path, shaped like upstream's {@code field.Error} so the API
 * server can build a 422 Status cause ({@code reason} = {@link Type#reason}, {@code message} =
 * {@link #causeMessage()}, {@code field} = {@link #field()}).
 *
 * <p>{@code badValue} rendering (upstream prints Go values; we print JSON, which reads the same
 * for the values users see): null → {@code null}; strings quoted; numbers and booleans bare;
 * IntOrString as its int or quoted string; other objects as JSON. Required, Forbidden and Too
 * long never print the value.
 */
public record FieldError(String field, Type type, Object badValue, String detail) {

    /** Error kinds with upstream's reason (for Status causes) and printed text. */
    public enum Type {
        REQUIRED("FieldValueRequired", "Required value"),
        INVALID("FieldValueInvalid", "Invalid value"),
        NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
        FORBIDDEN("FieldValueForbidden", "Forbidden"),
        DUPLICATE("FieldValueDuplicate", "Duplicate value"),
        NOT_FOUND("FieldValueNotFound", "Not found"),
        TOO_LONG("FieldValueTooLong", "Too long"),
        TOO_MANY("FieldValueTooMany", "Too many");

        public final String reason;
        public final String text;

        Type(String reason, String text) {
            this.reason = reason;
            this.text = text;
        }
    }

    // Jackson 3 mappers are immutable after construction: safe to share.
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** {@code "<field>: <causeMessage>"}, as upstream's {@code Error()}. */
    public String message() {
        return field + ": " + causeMessage();
    }

    /** The text after {@code "<field>: "}, e.g. {@code Invalid value: 1: may not be set ...}. */
    public String causeMessage() {
        String s;
        switch (type) {
            case REQUIRED, FORBIDDEN, TOO_LONG -> s = type.text;
            default -> s = type.text + ": " + render(badValue);
        }
        if (detail != null && !detail.isEmpty()) {
            s += ": " + detail;
        }
        return s;
    }

    static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof IntOrString ios) {
            return render(ios.getValue());
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (RuntimeException e) {
            return String.valueOf(value);
        }
    }

    public static FieldError required(String field, String detail) {
        return new FieldError(field, Type.REQUIRED, null, detail);
    }

    public static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(field, Type.INVALID, value, detail);
    }

    public static FieldError notSupported(String field, Object value, List<String> supported) {
        String detail = supported == null || supported.isEmpty()
                ? ""
                : "supported values: "
                        + supported.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", "));
        return new FieldError(field, Type.NOT_SUPPORTED, value, detail);
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(field, Type.FORBIDDEN, null, detail);
    }

    public static FieldError duplicate(String field, Object value) {
        return new FieldError(field, Type.DUPLICATE, value, "");
    }

    public static FieldError notFound(String field, Object value) {
        return new FieldError(field, Type.NOT_FOUND, value, "");
    }

    public static FieldError tooLong(String field, long maxBytes) {
        return new FieldError(field, Type.TOO_LONG, null, "may not be more than " + maxBytes + " bytes");
    }

    public static FieldError tooMany(String field, int actual, int max) {
        return new FieldError(field, Type.TOO_MANY, actual, "must have at most " + max + " items");
    }
}
