package io.everynode.apiserver.rest;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.errors.Statuses;
import java.util.List;

/**
 * Which body media types each verb accepts, as kube-apiserver decides before it reads a body:
 * anything else is 415 Unsupported Media Type. This is also what keeps web pages from writing:
 * the only types a browser sends cross-origin without a CORS preflight ({@code text/plain},
 * {@code application/x-www-form-urlencoded}, {@code multipart/form-data}) are none of these, and
 * the server grants no preflight.
 */
final class ContentTypes {
    /** Bodies of create, update and delete (DeleteOptions); upstream's order. */
    static final List<String> OBJECTS =
            List.of("application/json", "application/yaml", "application/vnd.kubernetes.protobuf");
    /** Bodies of patch, in upstream's order for built-in kinds (apply as CBOR is not offered, as upstream by default). */
    static final List<String> PATCHES = List.of(
            "application/json-patch+json",
            "application/merge-patch+json",
            "application/strategic-merge-patch+json",
            "application/apply-patch+yaml");

    private ContentTypes() {}

    /**
     * Refuses a body type the verb does not accept. A missing Content-Type counts as JSON, as
     * upstream. POST and PUT are checked even without a body (upstream negotiates the decoder
     * first); DELETE only when it carries a body (kubectl sends DeleteOptions as JSON, other
     * clients often send nothing at all); GET never.
     */
    static void check(ApiRequest req) {
        String mt = Bodies.mediaType(req);
        switch (req.method()) {
            case "POST", "PUT" -> require(mt, OBJECTS);
            case "DELETE" -> {
                if (req.body().length > 0) require(mt, OBJECTS);
            }
            case "PATCH" -> require(mt, PATCHES);
            default -> {}
        }
    }

    private static void require(String mediaType, List<String> accepted) {
        if (!accepted.contains(mediaType)) throw Statuses.unsupportedMediaType(accepted);
    }
}
