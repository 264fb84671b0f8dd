package io.everynode.apiserver.audit;

import io.everynode.api.json.Json;
import io.everynode.apiserver.auth.RequestAttributes;
import io.everynode.apiserver.auth.UserInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the audit log knows of one request, written as audit.k8s.io/v1 Events (one per stage)
 * with upstream's field names and order. Not thread-safe: its {@link AuditTrail} guards it.
 */
final class AuditEvent {
    /** Upstream's MicroTime: RFC 3339 with microseconds, in UTC. */
    static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    final String auditId;
    final String requestUri;
    final List<String> sourceIps;
    final String userAgent;
    final Instant received;
    AuditLevel level = AuditLevel.NONE;
    String verb = "";
    UserInfo user;
    RequestAttributes object;
    String objectNamespace = "";
    String objectName = "";
    JsonNode requestObject;
    JsonNode responseObject;
    ObjectNode responseStatus;
    final Map<String, String> annotations = new LinkedHashMap<>();

    AuditEvent(String auditId, String requestUri, List<String> sourceIps, String userAgent, Instant received) {
        this.auditId = auditId;
        this.requestUri = requestUri;
        this.sourceIps = List.copyOf(sourceIps);
        this.userAgent = userAgent;
        this.received = received;
    }

    /** The event of {@code stage}, written at {@code at}. */
    ObjectNode toJson(AuditStage stage, Instant at) {
        ObjectNode e = Json.object();
        e.put("kind", "Event");
        e.put("apiVersion", "audit.k8s.io/v1");
        e.put("level", level.wire());
        e.put("auditID", auditId);
        e.put("stage", stage.wire());
        e.put("requestURI", requestUri);
        e.put("verb", verb);
        e.set("user", user(user));
        if (!sourceIps.isEmpty()) {
            ArrayNode ips = e.putArray("sourceIPs");
            sourceIps.forEach(ips::add);
        }
        if (userAgent != null && !userAgent.isEmpty()) e.put("userAgent", userAgent);
        if (object != null && object.resourceRequest()) e.set("objectRef", objectRef());
        if (responseStatus != null && stage != AuditStage.REQUEST_RECEIVED) e.set("responseStatus", responseStatus);
        if (requestObject != null && level.atLeast(AuditLevel.REQUEST)) e.set("requestObject", requestObject);
        if (responseObject != null
                && level.atLeast(AuditLevel.REQUEST_RESPONSE)
                && stage == AuditStage.RESPONSE_COMPLETE) e.set("responseObject", responseObject);
        e.put("requestReceivedTimestamp", MICRO_TIME.format(received));
        e.put("stageTimestamp", MICRO_TIME.format(at));
        if (!annotations.isEmpty()) {
            ObjectNode a = e.putObject("annotations");
            annotations.forEach(a::put);
        }
        return e;
    }

    private ObjectNode objectRef() {
        ObjectNode ref = Json.object();
        putIf(ref, "resource", object.resource());
        putIf(ref, "namespace", objectNamespace);
        putIf(ref, "name", objectName);
        putIf(ref, "apiGroup", object.apiGroup());
        putIf(ref, "apiVersion", object.apiVersion());
        putIf(ref, "subresource", object.subresource());
        return ref;
    }

    private static ObjectNode user(UserInfo u) {
        ObjectNode o = Json.object();
        if (u == null || u.name().isEmpty()) return o;
        o.put("username", u.name());
        if (!u.uid().isEmpty()) o.put("uid", u.uid());
        if (!u.groups().isEmpty()) {
            ArrayNode g = o.putArray("groups");
            u.groups().forEach(g::add);
        }
        if (!u.extra().isEmpty()) {
            ObjectNode extra = o.putObject("extra");
            u.extra().forEach((k, v) -> {
                ArrayNode values = extra.putArray(k);
                v.forEach(values::add);
            });
        }
        return o;
    }

    private static void putIf(ObjectNode o, String field, String value) {
        if (value != null && !value.isEmpty()) o.put(field, value);
    }
}
