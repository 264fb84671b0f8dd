package io.everynode.client;

import io.everynode.api.json.Json;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * A request the server refused: the HTTP status code, the {@code Status} reason (NotFound,
 * AlreadyExists, Conflict, Invalid, Gone, ...) and its message as the server worded it.
 * Failures to reach the server at all are {@link java.io.UncheckedIOException}s instead.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;
    private final transient JsonNode status;

    public ApiError(int code, String reason, String message, JsonNode status) {
        super(message);
        this.code = code;
        this.reason = reason == null ? "" : reason;
        this.status = status;
    }

    /** The HTTP status code, e.g. 404. */
    public int code() {
        return code;
    }

    /** The Status reason, e.g. "NotFound"; empty when the server sent none. */
    public String reason() {
        return reason;
    }

    /** The Status object as the server sent it, or null when the answer was not a Status. */
    public JsonNode status() {
        return status;
    }

    public boolean isNotFound() {
        return code == 404;
    }

    /** 409 with reason Conflict: a stale resourceVersion or a failed precondition. */
    public boolean isConflict() {
        return code == 409 && !reason.equals("AlreadyExists");
    }

    public boolean isAlreadyExists() {
        return code == 409 && reason.equals("AlreadyExists");
    }

    /** 410: the resourceVersion a watch asked for is older than the server keeps. */
    public boolean isGone() {
        return code == 410;
    }

    /** Reads a failed answer: a {@code Status} body when there is one, else the raw text. */
    static ApiError from(Transport.Response r) {
        byte[] body = r.body() == null ? new byte[0] : r.body();
        try {
            JsonNode s = Json.parse(body);
            if (s != null && "Status".equals(Json.text(s, "kind"))) return fromStatus(s, r.status());
        } catch (RuntimeException e) {
            // not JSON: fall through to the raw text
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return new ApiError(r.status(), "", text.isEmpty() ? "the server answered " + r.status() : text, null);
    }

    /** A {@code Status} object, as a failed answer or an ERROR watch event carries it. */
    static ApiError fromStatus(JsonNode s, int fallbackCode) {
        int code = s.path("code").asInt(fallbackCode);
        String message = Json.text(s, "message");
        return new ApiError(
                code == 0 ? fallbackCode : code,
                Json.text(s, "reason"),
                message == null ? "the server answered " + code : message,
                s);
    }
}
