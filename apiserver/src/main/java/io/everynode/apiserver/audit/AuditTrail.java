package io.everynode.apiserver.audit;

import io.everynode.api.json.Json;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.auth.Authorizer;
import io.everynode.apiserver.auth.RequestAttributes;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.protobuf.ProtobufDecoder;
import java.time.Clock;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit events of one request, in upstream's order: {@link #begin} once the user and the
 * request's attributes are known (the policy decides the level; RequestReceived is written),
 * {@link #decided} with the authorization decision (annotations
 * {@code authorization.k8s.io/decision} and {@code authorization.k8s.io/reason}), and
 * {@link #finish} when the handler returned: ResponseComplete, unless the answer is a stream,
 * which writes ResponseStarted when it opens and ResponseComplete when it closes.
 *
 * <p>Threading: the request's thread calls it; a stream's close may come from another thread,
 * so every event is written under the trail's lock.
 */
public final class AuditTrail {
    static final String DECISION = "authorization.k8s.io/decision";
    static final String REASON = "authorization.k8s.io/reason";

    /** Who a request is before authentication told (upstream writes an empty user). */
    private static final UserInfo UNKNOWN = new UserInfo("", "", java.util.List.of(), java.util.Map.of());

    private final AuditPolicy policy;
    private final AuditSink sink;
    private final Clock clock;
    private final ProtobufDecoder protobuf;
    private final AuditEvent event;
    private final ApiRequest request;
    /** The transport's answer wrapped, or (when off) the transport's answer itself. */
    private final ApiResponse response;

    private final AuditedResponse audited;
    private AuditPolicy.Applied applied;
    private boolean streamed;
    private boolean completed;

    AuditTrail(
            AuditPolicy policy,
            AuditSink sink,
            Clock clock,
            ProtobufDecoder protobuf,
            AuditEvent event,
            ApiRequest req,
            ApiResponse resp) {
        this.policy = policy;
        this.sink = sink;
        this.clock = clock;
        this.protobuf = protobuf;
        this.event = event;
        this.request = req;
        this.audited = event == null ? null : new AuditedResponse(resp, this);
        this.response = event == null ? resp : audited;
    }

    /** A trail that writes nothing and answers through {@code resp} itself. */
    static AuditTrail off(ApiResponse resp) {
        return new AuditTrail(null, null, null, null, null, null, resp);
    }

    /** Where the request must answer, so the trail sees its code and body. */
    public ApiResponse response() {
        return response;
    }

    /** The user and attributes are known: the level is decided and RequestReceived written. */
    public synchronized void begin(RequestAttributes attributes, ApiRequest authenticated) {
        if (event == null || applied != null) return;
        applied = policy.apply(attributes);
        event.level = applied.level();
        if (event.level == AuditLevel.NONE) return;
        event.verb = attributes.verb();
        event.user = attributes.user();
        event.object = attributes;
        event.objectNamespace = attributes.namespace();
        event.objectName = attributes.name();
        boolean wantsBody = event.level.atLeast(AuditLevel.REQUEST)
                || (attributes.verb().equals("create") && attributes.name().isEmpty());
        if (wantsBody && attributes.resourceRequest()) {
            body(authenticated).ifPresent(body -> {
                if (event.objectName.isEmpty() && body.isObject())
                    event.objectName = body.path("metadata").path("name").asString("");
                if (event.level.atLeast(AuditLevel.REQUEST)) event.requestObject = body;
            });
        }
        write(AuditStage.REQUEST_RECEIVED);
    }

    /** The authorization decision, as upstream's annotations. */
    public synchronized void decided(Authorizer.Decision decision) {
        if (event == null) return;
        event.annotations.put(DECISION, decision.allowed() ? "allow" : "forbid");
        event.annotations.put(REASON, decision.reason() == null ? "" : decision.reason());
    }

    /** An audit annotation from admission. */
    synchronized void annotate(String key, String value) {
        event.annotations.put(key, value);
    }

    /**
     * The handler returned. Writes ResponseComplete for a whole answer; a request refused before
     * {@link #begin} (a bad credential) is judged by the policy as an unknown user's.
     */
    public synchronized void finish() {
        if (event == null) return;
        if (applied == null) begin(RequestAttributes.of(request, Optional.empty(), UNKNOWN), request);
        if (streamed) return;
        complete(audited.code(), audited.body());
    }

    synchronized void streamStarted(int code) {
        streamed = true;
        event.responseStatus = status(code, null);
        write(AuditStage.RESPONSE_STARTED);
    }

    synchronized void streamEnded() {
        complete(
                event.responseStatus == null
                        ? 200
                        : event.responseStatus.path("code").asInt(200),
                null);
    }

    private void complete(int code, byte[] body) {
        if (completed) return;
        completed = true;
        if (event.level == AuditLevel.NONE) return;
        JsonNode parsed = null;
        boolean nameless = event.objectName.isEmpty() && event.verb.equals("create");
        if (body != null && (code >= 400 || nameless || event.level.atLeast(AuditLevel.REQUEST_RESPONSE)))
            parsed = json(body);
        if (nameless && parsed != null && code < 300 && event.object != null && event.object.resourceRequest())
            event.objectName = parsed.path("metadata").path("name").asString(""); // a generateName's result
        event.responseStatus = status(code, parsed);
        if (parsed != null && event.level.atLeast(AuditLevel.REQUEST_RESPONSE)) event.responseObject = parsed;
        write(AuditStage.RESPONSE_COMPLETE);
    }

    /** Upstream's bounded copy of a Status answer, or only the code of any other. */
    private static ObjectNode status(int code, JsonNode body) {
        ObjectNode s = Json.object();
        s.putObject("metadata");
        if (body != null && "Status".equals(body.path("kind").asString(""))) {
            for (String f : new String[] {"status", "message", "reason", "details"}) {
                if (body.has(f)) s.set(f, body.get(f));
            }
        }
        s.put("code", code);
        return s;
    }

    private void write(AuditStage stage) {
        if (event.level == AuditLevel.NONE || applied.omitStages().contains(stage)) return;
        sink.write(event.toJson(stage, clock.instant()));
    }

    private Optional<JsonNode> body(ApiRequest req) {
        if (req.body().length == 0) return Optional.empty();
        String type = String.valueOf(req.header("content-type"));
        try {
            if (type.contains("json")) return Optional.of(Json.parse(req.body()));
            if (type.contains("yaml")) return Optional.of(Json.parseYaml(req.body()));
            if (ProtobufDecoder.isProtobuf(req.body())) return Optional.of(protobuf.decode(req.body()));
        } catch (RuntimeException e) {
            return Optional.empty(); // the handler answers the malformed body; the log keeps the rest
        }
        return Optional.empty();
    }

    private static JsonNode json(byte[] body) {
        if (body.length == 0 || (body[0] != '{' && body[0] != '[')) return null;
        try {
            return Json.parse(body);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
