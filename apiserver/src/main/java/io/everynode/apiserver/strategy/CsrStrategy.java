package io.everynode.apiserver.strategy;

import io.everynode.api.json.Json;
import io.everynode.api.validation.CsrValidation;
import io.everynode.api.validation.CsrValidation.Write;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.errors.Statuses.Cause;
import io.everynode.apiserver.registry.Strategy;
import io.everynode.apiserver.registry.WriteContext;
import io.everynode.pki.CsrParser;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CertificateSigningRequests (upstream's csr, csr status and csr approval strategies). On
 * create the server records who asks ({@code spec.username}, {@code uid}, {@code groups},
 * {@code extra} from the authenticated caller, never from the body) and clears the status, so no
 * request is created approved. The spec never changes afterwards. {@code /approval} changes the
 * conditions only; {@code /status} the certificate and the other conditions, the Approved and
 * Denied ones kept as stored. Conditions written without timestamps get them: lastUpdateTime now,
 * lastTransitionTime that of a stored condition of the same type and status, else now.
 *
 * <p>Validation: {@link CsrValidation}, with the request parsed and its signature checked by
 * {@link CsrParser}. Stateless apart from the clock.
 */
final class CsrStrategy implements Strategy {
    private final Clock clock;

    CsrStrategy(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean hasStatusSubresource() {
        return true;
    }

    @Override
    public void prepareForCreate(ObjectNode obj, WriteContext ctx) {
        ObjectNode spec =
                obj.has("spec") && obj.get("spec").isObject() ? (ObjectNode) obj.get("spec") : obj.putObject("spec");
        for (String f : List.of("username", "uid", "groups", "extra")) spec.remove(f);
        UserInfo user = ctx.caller().user();
        spec.put("username", user.name());
        if (!user.uid().isEmpty()) spec.put("uid", user.uid());
        if (!user.groups().isEmpty()) {
            ArrayNode groups = spec.putArray("groups");
            user.groups().forEach(groups::add);
        }
        if (!user.extra().isEmpty()) {
            ObjectNode extra = spec.putObject("extra");
            for (Map.Entry<String, List<String>> e : user.extra().entrySet()) {
                ArrayNode values = extra.putArray(e.getKey());
                e.getValue().forEach(values::add);
            }
        }
        obj.putObject("status");
    }

    @Override
    public List<Cause> validateCreate(ObjectNode obj, WriteContext ctx) {
        CertificateSigningRequest csr = decode(obj);
        String request = csr.getSpec() == null ? null : csr.getSpec().getRequest();
        return TypedStrategy.causes(CsrValidation.validateCreate(csr, requestError(request)));
    }

    /** Why {@code base64Pem} is not a PEM PKCS#10 request signed by its own key; null when it is. */
    static String requestError(String base64Pem) {
        byte[] pem;
        try {
            pem = base64Pem == null ? new byte[0] : Base64.getDecoder().decode(base64Pem.replaceAll("[\r\n]", ""));
        } catch (IllegalArgumentException e) {
            return "the request is not base64: " + e.getMessage();
        }
        try {
            CsrParser.parse(pem);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The main resource changes metadata only. */
    @Override
    public void prepareForUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        copy(old, obj, "spec");
        copy(old, obj, "status");
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        return TypedStrategy.causes(CsrValidation.validateUpdate(decode(obj), decode(old), Write.MAIN));
    }

    /** The status as sent, with the stored Approved and Denied conditions put back in their places. */
    @Override
    public void prepareForStatusUpdate(ObjectNode obj, ObjectNode old) {
        JsonNode status = obj.get("status");
        obj.removeAll();
        obj.setAll(old.deepCopy());
        if (status == null || !status.isObject()) {
            obj.remove("status");
            return;
        }
        ObjectNode next = (ObjectNode) status;
        ArrayNode conditions = conditions(next);
        for (String type : List.of("Approved", "Denied")) keepStored(conditions, conditions(old.path("status")), type);
        stamp(conditions, old);
        obj.set("status", next);
    }

    @Override
    public List<Cause> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
        return TypedStrategy.causes(CsrValidation.validateUpdate(decode(obj), decode(old), Write.STATUS));
    }

    /** The stored object with the conditions as sent. */
    @Override
    public void prepareForApprovalUpdate(ObjectNode obj, ObjectNode old) {
        JsonNode sent = obj.path("status").path("conditions");
        obj.removeAll();
        obj.setAll(old.deepCopy());
        ObjectNode status = obj.has("status") && obj.get("status").isObject()
                ? (ObjectNode) obj.get("status")
                : obj.putObject("status");
        if (sent.isArray()) {
            ArrayNode conditions = (ArrayNode) sent.deepCopy();
            stamp(conditions, old);
            status.set("conditions", conditions);
        } else {
            status.remove("conditions");
        }
    }

    @Override
    public List<Cause> validateApprovalUpdate(ObjectNode obj, ObjectNode old) {
        return TypedStrategy.causes(CsrValidation.validateUpdate(decode(obj), decode(old), Write.APPROVAL));
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode obj) {
        return Map.of("spec.signerName", obj.path("spec").path("signerName").asString(""));
    }

    /** Upstream's preserveConditionInstances: when the count of {@code type} is unchanged, the stored ones stay. */
    private static void keepStored(ArrayNode next, ArrayNode stored, String type) {
        List<Integer> nextAt = indices(next, type);
        List<Integer> storedAt = indices(stored, type);
        if (nextAt.size() != storedAt.size()) return;
        for (int i = 0; i < nextAt.size(); i++)
            next.set(nextAt.get(i), stored.get(storedAt.get(i)).deepCopy());
    }

    private static List<Integer> indices(ArrayNode conditions, String type) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            if (type.equals(conditions.get(i).path("type").asString(""))) at.add(i);
        }
        return at;
    }

    private void stamp(ArrayNode conditions, ObjectNode old) {
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        ArrayNode stored = conditions(old.path("status"));
        for (JsonNode n : conditions) {
            if (!(n instanceof ObjectNode c)) continue;
            if (c.path("lastUpdateTime").asString("").isEmpty()) c.put("lastUpdateTime", now);
            if (!c.path("lastTransitionTime").asString("").isEmpty()) continue;
            String transition = now;
            for (JsonNode s : stored) {
                String was = s.path("lastTransitionTime").asString("");
                if (s.path("type").equals(c.path("type"))
                        && s.path("status").equals(c.path("status"))
                        && !was.isEmpty()) {
                    transition = was;
                    break;
                }
            }
            c.put("lastTransitionTime", transition);
        }
    }

    private static ArrayNode conditions(JsonNode status) {
        return status.get("conditions") instanceof ArrayNode a ? a : Json.array();
    }

    private static void copy(ObjectNode from, ObjectNode to, String field) {
        if (from.has(field)) to.set(field, from.get(field).deepCopy());
        else to.remove(field);
    }

    private static CertificateSigningRequest decode(ObjectNode obj) {
        return Json.convert(obj, CertificateSigningRequest.class);
    }
}
