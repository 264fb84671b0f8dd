package io.everynode.apiserver.registry;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.apiserver.errors.Statuses;
import tools.jackson.databind.JsonNode;

/**
 * The parts of {@code DeleteOptions} the server honours. kubectl sends them in the DELETE body
 * (kubectl-contract.md §1.8); query parameters of the same names are accepted too.
 *
 * @param propagationPolicy Background (the default), Foreground or Orphan
 */
public record DeleteOptions(
        Long gracePeriodSeconds,
        String propagationPolicy,
        String preconditionUid,
        String preconditionResourceVersion,
        boolean dryRun) {

    public static DeleteOptions defaults() {
        return new DeleteOptions(null, "Background", null, null, false);
    }

    /** Reads a DeleteOptions JSON body, query values filling what the body leaves out. */
    public static DeleteOptions from(JsonNode body, String queryGrace, String queryPolicy, boolean queryDryRun) {
        Long grace = null;
        if (body.has("gracePeriodSeconds") && !body.get("gracePeriodSeconds").isNull()) {
            grace = body.get("gracePeriodSeconds").asLong();
        } else if (queryGrace != null) {
            grace = parseLong(queryGrace);
        }
        String policy = Json.text(body, "propagationPolicy");
        if (policy == null) policy = queryPolicy;
        if (policy == null
                && body.has("orphanDependents")
                && body.get("orphanDependents").asBoolean(false)) policy = "Orphan";
        if (policy == null) policy = "Background";
        if (!policy.equals("Background") && !policy.equals("Foreground") && !policy.equals("Orphan")) {
            throw Statuses.badRequest("propagationPolicy: Unsupported value: \"" + policy
                    + "\": supported values: \"Background\", \"Foreground\", \"Orphan\"");
        }
        boolean dryRun = queryDryRun;
        JsonNode dr = body.path("dryRun");
        if (dr.isArray()) for (JsonNode n : dr) if ("All".equals(n.asString(""))) dryRun = true;
        JsonNode pre = body.path("preconditions");
        return new DeleteOptions(grace, policy, Json.text(pre, "uid"), Json.text(pre, "resourceVersion"), dryRun);
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw Statuses.badRequest("gracePeriodSeconds: invalid value \"" + s + "\"");
        }
    }

    void checkPreconditions(ResourceType type, String name, JsonNode obj) {
        if (preconditionUid != null && !preconditionUid.equals(Meta.uid(obj))) {
            throw Statuses.conflict(
                    type.group(),
                    type.resource(),
                    name,
                    "Precondition failed: UID in precondition: " + preconditionUid + ", UID in object meta: "
                            + Meta.uid(obj));
        }
        if (preconditionResourceVersion != null && !preconditionResourceVersion.equals(Meta.resourceVersion(obj))) {
            throw Statuses.conflict(
                    type.group(),
                    type.resource(),
                    name,
                    "Precondition failed: ResourceVersion in precondition: " + preconditionResourceVersion
                            + ", ResourceVersion in object meta: " + Meta.resourceVersion(obj));
        }
    }
}
