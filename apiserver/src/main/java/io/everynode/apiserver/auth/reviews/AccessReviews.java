package io.everynode.apiserver.auth.reviews;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.auth.AccessControl;
import io.everynode.apiserver.auth.Authorizer;
import io.everynode.apiserver.auth.RequestAttributes;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.auth.rbac.RuleResolver;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.rest.Reviews;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The access reviews of authorization.k8s.io/v1, create-only and never stored: each answers the
 * object it was sent with a {@code status}. SubjectAccessReview asks about any user,
 * SelfSubjectAccessReview about the caller, LocalSubjectAccessReview about any user within the
 * namespace of its path; each is decided by the same {@link AccessControl#decide} every request
 * meets ({@code kubectl auth can-i}). SelfSubjectRulesReview lists the caller's RBAC rules in a
 * namespace ({@code kubectl auth can-i --list}).
 */
public final class AccessReviews {
    private static final Set<ResourceType> SERVED = Set.of(
            ResourceTypes.SUBJECT_ACCESS_REVIEWS,
            ResourceTypes.SELF_SUBJECT_ACCESS_REVIEWS,
            ResourceTypes.LOCAL_SUBJECT_ACCESS_REVIEWS,
            ResourceTypes.SELF_SUBJECT_RULES_REVIEWS);

    private final AccessControl access;
    private final RuleResolver rules;

    public AccessReviews(AccessControl access, RuleResolver rules) {
        this.access = access;
        this.rules = rules;
    }

    /** Registers the four reviews with the API's create-only kinds. */
    public void register(Reviews reviews) {
        for (ResourceType type : SERVED) reviews.register(type, (review, caller) -> answer(type, review, caller));
    }

    /**
     * The review answered: its status filled in. A LocalSubjectAccessReview's
     * {@code metadata.namespace} is its path's (the REST layer sets it).
     */
    private ObjectNode answer(ResourceType type, ObjectNode review, UserInfo caller) {
        ObjectNode meta = Json.child(review, "metadata");
        ObjectNode spec = Json.child(review, "spec");
        ObjectNode status = type.equals(ResourceTypes.SELF_SUBJECT_RULES_REVIEWS)
                ? rulesReview(caller, spec)
                : accessReview(type, caller, Json.text(meta, "namespace"), spec);
        review.set("status", status);
        meta.putNull("creationTimestamp");
        return review;
    }

    private ObjectNode accessReview(ResourceType type, UserInfo caller, String pathNamespace, ObjectNode spec) {
        JsonNode res = spec.get("resourceAttributes");
        JsonNode nonRes = spec.get("nonResourceAttributes");
        boolean hasRes = res != null && !res.isNull();
        boolean hasNonRes = nonRes != null && !nonRes.isNull();
        List<Statuses.Cause> causes = new ArrayList<>();
        if (hasRes == hasNonRes) {
            causes.add(
                    new Statuses.Cause(
                            "spec.resourceAttributes",
                            "FieldValueInvalid",
                            "Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        }
        UserInfo user = caller;
        if (!type.equals(ResourceTypes.SELF_SUBJECT_ACCESS_REVIEWS)) {
            user = subject(spec);
            if (user.name().isEmpty() && user.groups().isEmpty()) {
                causes.add(new Statuses.Cause(
                        "spec.user",
                        "FieldValueInvalid",
                        "Invalid value: \"\": at least one of user or group must be specified"));
            }
        }
        if (type.equals(ResourceTypes.LOCAL_SUBJECT_ACCESS_REVIEWS) && hasRes) {
            String ns = res.path("namespace").asString("");
            if (ns.isEmpty()) ((ObjectNode) res).put("namespace", pathNamespace);
            else if (!ns.equals(pathNamespace)) {
                causes.add(new Statuses.Cause(
                        "spec.resourceAttributes.namespace",
                        "FieldValueInvalid",
                        "Invalid value: \"" + ns + "\": must match metadata.namespace"));
            }
        }
        if (!causes.isEmpty()) throw Statuses.invalid(type.group(), type.kind(), "", causes);
        RequestAttributes attrs = hasRes
                ? RequestAttributes.resource(
                        user,
                        res.path("verb").asString(""),
                        res.path("group").asString(""),
                        res.path("resource").asString(""),
                        res.path("subresource").asString(""),
                        res.path("namespace").asString(""),
                        res.path("name").asString(""))
                : new RequestAttributes(
                        user,
                        nonRes.path("verb").asString(""),
                        false,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        nonRes.path("path").asString(""));
        Authorizer.Decision d = access.decide(attrs);
        ObjectNode status = Json.object();
        status.put("allowed", d.allowed());
        if (d.kind() == Authorizer.Kind.DENY) status.put("denied", true);
        if (!d.reason().isEmpty()) status.put("reason", d.reason());
        return status;
    }

    /** The user a (Local)SubjectAccessReview asks about; a user named only by groups has an empty name. */
    private static UserInfo subject(ObjectNode spec) {
        List<String> groups = new ArrayList<>();
        for (JsonNode g : spec.path("groups")) groups.add(g.asString(""));
        Map<String, List<String>> extra = new LinkedHashMap<>();
        spec.path("extra").properties().forEach(e -> {
            List<String> values = new ArrayList<>();
            for (JsonNode v : e.getValue()) values.add(v.asString(""));
            extra.put(e.getKey(), values);
        });
        return new UserInfo(spec.path("user").asString(""), spec.path("uid").asString(""), groups, extra);
    }

    private ObjectNode rulesReview(UserInfo caller, ObjectNode spec) {
        String namespace = spec.path("namespace").asString("");
        ObjectNode status = Json.object();
        var resourceRules = status.putArray("resourceRules");
        var nonResourceRules = status.putArray("nonResourceRules");
        rules.visit(caller, namespace, (source, rule) -> {
            if (!rule.nonResourceURLs().isEmpty()) {
                ObjectNode r = nonResourceRules.addObject();
                strings(r, "verbs", rule.verbs());
                strings(r, "nonResourceURLs", rule.nonResourceURLs());
            }
            if (!rule.resources().isEmpty()) {
                ObjectNode r = resourceRules.addObject();
                strings(r, "verbs", rule.verbs());
                strings(r, "apiGroups", rule.apiGroups());
                strings(r, "resources", rule.resources());
                if (!rule.resourceNames().isEmpty()) strings(r, "resourceNames", rule.resourceNames());
            }
            return true;
        });
        status.put("incomplete", false);
        return status;
    }

    private static void strings(ObjectNode o, String field, List<String> values) {
        var a = o.putArray(field);
        for (String v : values) a.add(v);
    }
}
