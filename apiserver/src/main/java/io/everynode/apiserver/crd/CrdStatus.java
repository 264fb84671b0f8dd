package io.everynode.apiserver.crd;

import io.everynode.api.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The status the server keeps on a definition, as upstream's naming and establishing controllers
 * write it: acceptedNames, NamesAccepted (False with e.g. reason PluralConflict when another
 * definition of the group has accepted the same plural), Established once the names are accepted
 * (it stays True afterwards), and the storage version added to storedVersions. Pure.
 */
public final class CrdStatus {
    private CrdStatus() {}

    /** Brings {@code crd}'s status up to date against the {@code others} definitions. */
    public static void update(ObjectNode crd, List<ObjectNode> others, Instant now) {
        JsonNode spec = crd.path("spec");
        String group = spec.path("group").asString("");
        ObjectNode status = Json.child(crd, "status");
        String conflict = null;
        String reason = null;
        JsonNode wanted = spec.path("names");
        for (String field : List.of("plural", "singular", "shortNames", "kind", "listKind")) {
            for (String n : values(wanted.path(field))) {
                for (ObjectNode o : others) {
                    if (!group.equals(o.path("spec").path("group").asString(""))) continue;
                    if (values(o.path("status").path("acceptedNames").path(field))
                            .contains(n)) {
                        conflict = "\"" + n + "\" is already in use";
                        reason = Character.toUpperCase(field.charAt(0)) + field.substring(1) + "Conflict";
                    }
                }
            }
            if (conflict != null) break;
        }
        if (conflict == null) {
            status.set("acceptedNames", wanted.deepCopy());
            CrdConditions.set(status, "NamesAccepted", "True", "NoConflicts", "no conflicts found", now);
            CrdConditions.set(
                    status, "Established", "True", "InitialNamesAccepted", "the initial names have been accepted", now);
        } else {
            if (!status.has("acceptedNames"))
                status.putObject("acceptedNames").put("plural", "").put("kind", "");
            CrdConditions.set(status, "NamesAccepted", "False", reason, conflict, now);
            if (!CrdConditions.isTrue(crd, "Established"))
                CrdConditions.set(status, "Established", "False", "NotAccepted", "not all names are accepted", now);
        }
        ArrayNode stored = status.get("storedVersions") instanceof ArrayNode a ? a : status.putArray("storedVersions");
        for (JsonNode v : spec.path("versions")) {
            String name = v.path("name").asString("");
            if (v.path("storage").asBoolean(false) && !values(stored).contains(name)) stored.add(name);
        }
    }

    public static boolean established(JsonNode crd) {
        return CrdConditions.isTrue(crd, "Established")
                && crd.path("status").path("acceptedNames").has("plural")
                && !crd.path("status")
                        .path("acceptedNames")
                        .path("plural")
                        .asString("")
                        .isEmpty();
    }

    /** The served versions of an Established definition. */
    public static List<CustomVersion> versions(JsonNode crd) {
        return CustomVersions.of(crd);
    }

    private static List<String> values(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) for (JsonNode s : n) out.add(s.asString());
        else if (n.isString() && !n.asString().isEmpty()) out.add(n.asString());
        return out;
    }
}
