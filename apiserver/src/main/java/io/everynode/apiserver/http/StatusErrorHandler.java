package io.everynode.apiserver.http;

import io.everynode.api.json.Json;
import io.everynode.apiserver.errors.Statuses;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises itself, before a request reaches the API (a malformed request
 * line: 400; a URI over the header buffer: 414; headers over it: 431), with a Kubernetes
 * {@code Status} instead of Jetty's HTML page, so every client reads the same shape of failure.
 * The reason is the HTTP reason phrase in the Kubernetes style (BadRequest,
 * RequestURITooLong, RequestHeaderFieldsTooLarge): upstream has no reasons of its own for 414
 * and 431, which Go's HTTP server answers in plain text.
 */
final class StatusErrorHandler extends ErrorHandler {

    @Override
    public boolean errorPageForMethod(String method) {
        return true; // a Status for every verb, not only GET and POST
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        byte[] body = Json.bytes(Statuses.failure(code, reason(code), message(code, message), null)
                .status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    static String reason(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 414 -> "RequestURITooLong";
            case 431 -> "RequestHeaderFieldsTooLarge";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 413 -> "RequestEntityTooLarge";
            case 503 -> "ServiceUnavailable";
            default -> code >= 500 ? "InternalError" : "BadRequest";
        };
    }

    private static String message(int code, String jettyMessage) {
        String detail =
                jettyMessage == null || jettyMessage.isBlank() || jettyMessage.equals(HttpStatus.getMessage(code))
                        ? ""
                        : ": " + jettyMessage;
        return switch (code) {
            case 400 -> "the server could not read the request" + detail;
            case 414 -> "the request URI is too long; send long selectors in fewer or shorter terms" + detail;
            case 431 -> "the request headers are too large" + detail;
            default -> HttpStatus.getMessage(code) + detail;
        };
    }
}
