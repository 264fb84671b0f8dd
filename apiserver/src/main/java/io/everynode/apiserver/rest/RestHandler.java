package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.selector.FieldSelector;
import io.everynode.api.selector.Selector;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.auth.KubeletClientTls;
import io.everynode.apiserver.auth.tokens.TokenRequests;
import io.everynode.apiserver.crd.CustomFields;
import io.everynode.apiserver.crd.CustomVersion;
import io.everynode.apiserver.crd.ServedTypes;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.patch.JsonMergePatch;
import io.everynode.apiserver.patch.JsonPatch;
import io.everynode.apiserver.patch.PatchException;
import io.everynode.apiserver.patch.StrategicMergePatch;
import io.everynode.apiserver.registry.Admission;
import io.everynode.apiserver.registry.Caller;
import io.everynode.apiserver.registry.DeleteOptions;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.Registry;
import io.everynode.apiserver.registry.Registry.Part;
import io.everynode.apiserver.stream.ExecProxy;
import io.everynode.apiserver.watch.WatchDispatch;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The verbs on resource paths: get, list, watch, create, update, patch, delete and
 * deletecollection, plus the pod subresources and {@code scale}. Everything kind-specific lives in the registry's
 * strategies; this class maps HTTP onto the registry and back.
 */
public final class RestHandler {
    private final Registry registry;
    private final Output output;
    private final WatchStream watches;
    private final PodSubresources pods;
    private final ScaleSubresource scales;
    private final UnknownFieldScan unknownFields = new UnknownFieldScan();
    private final ReadOptions reads;
    private final ListReads lists;
    private final ServedTypes types;
    private final CustomScaleSubresource customScale;
    /** {@code serviceaccounts/token}, or null when the server issues no tokens (then it is 404). */
    private final TokenRequests tokens;

    private final Reviews reviews = new Reviews();

    /**
     * @param types the runtime catalogue: custom resources are checked against their schemas
     * @param tokens serves TokenRequests; null when the server has no ServiceAccount key
     * @param kubeletClient how {@code pods/log} reaches node agents over TLS; null: plain HTTP
     */
    public RestHandler(
            Registry registry,
            Clock clock,
            Duration minWatchTimeout,
            WatchDispatch watchDispatch,
            ServedTypes types,
            TokenRequests tokens,
            KubeletClientTls kubeletClient) {
        this.registry = registry;
        this.tokens = tokens;
        this.types = types;
        this.customScale = new CustomScaleSubresource(registry);
        Tables tables = new Tables(clock, types::printer);
        this.output = new Output(tables);
        this.watches = new WatchStream(registry.cache(), tables, clock, minWatchTimeout, watchDispatch);
        this.pods = new PodSubresources(
                registry,
                clock,
                new LogProxy(kubeletClient),
                new ExecProxy(kubeletClient == null ? null : KubeletTlsContext.of(kubeletClient)));
        this.scales = new ScaleSubresource(registry);
        this.reads = new ReadOptions(registry.cache());
        this.lists = new ListReads(registry, reads);
    }

    public void handle(ApiRequest req, ApiResponse resp, Route route) throws IOException {
        ResourceType type = route.type();
        String ns = type.namespaced() ? route.namespace() : null;
        if (type.namespaced() && !route.collection() && ns == null) throw Statuses.pathNotFound();
        ContentTypes.check(req);
        if (!type.persisted()) {
            review(req, resp, route);
            return;
        }
        if ("exec".equals(route.subresource()) && type.equals(io.everynode.api.resource.ResourceTypes.PODS)) {
            pods.exec(req, resp, ns, route.name());
            return;
        }
        if ("attach".equals(route.subresource()) && type.equals(io.everynode.api.resource.ResourceTypes.PODS)) {
            pods.attach(req, resp, ns, route.name());
            return;
        }
        if ("portforward".equals(route.subresource()) && type.equals(io.everynode.api.resource.ResourceTypes.PODS)) {
            pods.portForward(req, resp, ns, route.name());
            return;
        }
        if ("scale".equals(route.subresource())) {
            Optional<CustomVersion> custom = types.custom(type);
            if (custom.isPresent()) customScale.handle(req, resp, route, custom.get(), dryRun(req));
            else scales.handle(req, resp, type, ns, route.name());
            return;
        }
        switch (req.method()) {
            case "GET" -> {
                if (route.collection()) {
                    Predicate<ObjectNode> filter = filter(req, type);
                    if (req.flag("watch")) {
                        if (!refusedWebSocket(req, resp) && !reads.refusedWatch(req, resp))
                            watches.serve(req, resp, type, ns, filter);
                    } else {
                        output.list(req, resp, type, lists.list(req, type, ns, filter));
                    }
                } else if ("log".equals(route.subresource())) {
                    pods.log(req, resp, ns, route.name());
                } else {
                    output.object(req, resp, 200, type, registry.get(type, ns, route.name()));
                }
            }
            case "POST" -> {
                if (route.collection()) {
                    if (ns == null && type.namespaced())
                        throw Statuses.methodNotAllowed("create is not allowed across all namespaces");
                    String mode = FieldValidation.of(req);
                    ObjectNode body = Bodies.object(req, type);
                    warn(resp, checkSchema(body, type, mode, Bodies.duplicates(req)));
                    warn(resp, registry.strategy(type).warningsOnCreate(body));
                    Caller caller = caller(req);
                    ObjectNode created = registry.create(type, ns, body, dryRun(req), caller);
                    warn(resp, caller);
                    output.object(req, resp, 201, type, created);
                } else if ("binding".equals(route.subresource())) {
                    pods.bind(req, resp, ns, route.name(), dryRun(req), caller(req));
                } else if ("eviction".equals(route.subresource())) {
                    pods.evict(req, resp, ns, route.name(), dryRun(req), caller(req));
                } else if ("token".equals(route.subresource())) {
                    if (tokens == null) throw Statuses.pathNotFound();
                    boolean dryRun = dryRun(req); // a dry run issues a token too, as nothing is stored
                    JsonNode request = Bodies.parse(req);
                    // Admission sees the TokenRequest (NodeRestriction: a node asks only for its pods' tokens).
                    registry.admit(new Admission.Request(
                            Admission.Operation.CREATE,
                            type,
                            ns,
                            route.name(),
                            "token",
                            request instanceof ObjectNode o ? o : Json.object(),
                            null,
                            caller(req),
                            dryRun,
                            registry.lookup()));
                    Output.raw(resp, 201, tokens.create(ns, route.name(), request));
                } else {
                    throw Statuses.methodNotAllowed("the server does not allow this method on the requested resource");
                }
            }
            case "PUT" -> {
                requireNamed(route);
                String mode = FieldValidation.of(req);
                ObjectNode body = Bodies.object(req, type);
                Bodies.checkIdentity(body, route.name(), ns, false);
                warn(resp, checkSchema(body, type, mode, Bodies.duplicates(req)));
                Caller caller = caller(req);
                ObjectNode updated = registry.update(type, ns, route.name(), body, part(route), dryRun(req), caller);
                warn(resp, caller);
                output.object(req, resp, 200, type, updated);
            }
            case "PATCH" -> {
                requireNamed(route);
                patch(req, resp, type, ns, route);
            }
            case "DELETE" -> {
                DeleteOptions opts = deleteOptions(req);
                if (route.collection()) deleteCollection(req, resp, type, ns, opts);
                else delete(req, resp, type, ns, route.name(), opts);
            }
            default ->
                throw Statuses.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    /** The answers of the create-only review kinds; the server registers them. */
    public Reviews reviews() {
        return reviews;
    }

    /** A create-only kind: POST to the collection is answered 201 by its {@link Reviews.Review}, never stored. */
    private void review(ApiRequest req, ApiResponse resp, Route route) {
        if (!req.method().equals("POST") || !route.collection())
            throw Statuses.methodNotAllowed("the server does not allow this method on the requested resource");
        Reviews.Review review = reviews.of(route.type()).orElseThrow(Statuses::pathNotFound);
        ObjectNode body = Bodies.object(req, route.type());
        warn(resp, checkSchema(body, route.type(), FieldValidation.of(req), Bodies.duplicates(req)));
        if (route.type().namespaced()) Json.child(body, "metadata").put("namespace", route.namespace());
        body.put("apiVersion", route.type().apiVersion());
        body.put("kind", route.type().kind());
        output.object(req, resp, 201, route.type(), review.answer(body, req.user()));
    }

    /**
     * Watches are served as chunked HTTP only. A client asking for a WebSocket (fabric8 tries one
     * first) gets a plain, finite 200 answer that does not switch protocols: fabric8 then falls
     * back to an HTTP watch at once, as it does behind {@code kubectl proxy}. (A 503 works too
     * but fabric8 retries it with back-off for about 20 s first; a streaming 200 leaves it
     * reading an endless handshake answer.)
     *
     * @return whether the request was answered here
     */
    /** Built-in kinds are checked against their model; custom resources against their version's schema. */
    private List<String> checkSchema(ObjectNode body, ResourceType type, String mode, List<String> duplicates) {
        Optional<CustomVersion> custom = types.custom(type);
        if (custom.isPresent()) return CustomFields.check(body, custom.get(), mode, duplicates);
        return Bodies.checkSchema(body, type, mode, duplicates, unknownFields);
    }

    private static boolean refusedWebSocket(ApiRequest req, ApiResponse resp) {
        String upgrade = req.header("upgrade");
        if (upgrade == null || !upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket")) return false;
        ObjectNode status = Statuses.failure(
                        400, "BadRequest", "watches over WebSocket are not supported; use a plain HTTP watch", null)
                .status();
        Output.raw(resp, 200, status);
        return true;
    }

    private static void requireNamed(Route route) {
        if (route.collection())
            throw Statuses.methodNotAllowed("the server does not allow this method on the requested resource");
        if (route.subresource() != null
                && !route.subresource().equals("status")
                && !route.subresource().equals("finalize")
                && !route.subresource().equals("approval")) {
            throw Statuses.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    private static Part part(Route route) {
        if ("approval".equals(route.subresource())) return Part.APPROVAL;
        // namespaces/finalize is a status-style write that may change spec.finalizers only
        return "status".equals(route.subresource()) || "finalize".equals(route.subresource()) ? Part.STATUS : Part.MAIN;
    }

    static boolean dryRun(ApiRequest req) {
        List<String> v = req.query().get("dryRun");
        if (v == null) return false;
        for (String s : v) {
            if (!s.equals("All"))
                throw Statuses.badRequest("Invalid dry run value: \"" + s + "\": supported values: \"All\"");
        }
        return !v.isEmpty();
    }

    /** The caller's admission warnings as {@code Warning} headers, its audit annotations to the audit log. */
    private static void warn(ApiResponse resp, Caller caller) {
        warn(resp, caller.warnings());
        caller.annotations().forEach(resp::annotate);
    }

    private static void warn(ApiResponse resp, List<String> warnings) {
        for (String w : warnings) resp.header("Warning", "299 - \"" + w.replace("\"", "\\\"") + "\"");
    }

    // ---- selectors ---------------------------------------------------------------------------

    /** The label and field selectors of a list or watch as one predicate; unsupported fields are a 400. */
    Predicate<ObjectNode> filter(ApiRequest req, ResourceType type) {
        String ls = req.param("labelSelector");
        String fs = req.param("fieldSelector");
        Selector labels;
        FieldSelector fields;
        try {
            labels = ls == null || ls.isBlank() ? null : Selector.parse(ls);
            fields = fs == null || fs.isBlank() ? null : FieldSelector.parse(fs);
        } catch (IllegalArgumentException e) {
            throw Statuses.badRequest(e.getMessage());
        }
        if (fields != null) {
            for (String f : fields.fields()) {
                if (!type.fieldSelectors().contains(f)) throw Statuses.badRequest("field label not supported: " + f);
            }
        }
        if (labels == null && fields == null) return o -> true;
        Selector l = labels;
        FieldSelector f = fields;
        return o -> (l == null || l.matches(Meta.labels(o))) && (f == null || f.matches(fieldValues(type, o)));
    }

    private Map<String, String> fieldValues(ResourceType type, ObjectNode o) {
        Map<String, String> m = new HashMap<>(registry.strategy(type).selectableFields(o));
        m.put("metadata.name", nullToEmpty(Meta.name(o)));
        m.put("metadata.namespace", nullToEmpty(Meta.namespace(o)));
        return m;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    // ---- patch -------------------------------------------------------------------------------

    private void patch(ApiRequest req, ApiResponse resp, ResourceType type, String ns, Route route) {
        String mt = Bodies.mediaType(req); // one of ContentTypes.PATCHES
        if (mt.equals("application/strategic-merge-patch+json")
                && types.custom(type).isPresent()) {
            // Upstream has no merge keys for custom resources, so it refuses strategic merge.
            throw Statuses.unsupportedMediaType(List.of(
                    "application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"));
        }
        String fieldValidation = FieldValidation.of(req);
        JsonNode patch = Bodies.parse(req);
        boolean dryRun = dryRun(req);
        if (mt.equals("application/apply-patch+yaml")) {
            apply(req, resp, type, ns, route, patch, dryRun, fieldValidation);
            return;
        }
        List<String> warnings = new ArrayList<>();
        Caller caller = caller(req);
        ObjectNode result = registry.patch(
                type,
                ns,
                route.name(),
                current -> {
                    JsonNode out;
                    try {
                        out = switch (mt) {
                            case "application/json-patch+json" -> JsonPatch.apply(current, patch);
                            case "application/merge-patch+json" -> JsonMergePatch.apply(current, patch);
                            default -> StrategicMergePatch.forKind(type.kind()).apply(current, patch);
                        };
                    } catch (PatchException e) {
                        throw e.reason().httpStatus() == 400
                                ? Statuses.badRequest(e.getMessage())
                                : Statuses.failure(422, "Invalid", e.getMessage(), null);
                    }
                    if (!(out instanceof ObjectNode obj))
                        throw Statuses.badRequest("the patch did not produce an object");
                    Bodies.checkKind(obj, type);
                    Bodies.checkIdentity(obj, route.name(), ns, true);
                    warnings.clear();
                    warnings.addAll(checkSchema(obj, type, fieldValidation, List.of()));
                    return obj;
                },
                part(route),
                dryRun,
                caller);
        warn(resp, warnings);
        warn(resp, caller);
        output.object(req, resp, 200, type, result);
    }

    /**
     * Server-side apply. Without managedFields (not implemented yet) the applied configuration is
     * merged onto the live object with strategic-merge semantics: fields it sets are set, fields
     * it omits are left alone, and a missing object is created (201).
     */
    private void apply(
            ApiRequest req,
            ApiResponse resp,
            ResourceType type,
            String ns,
            Route route,
            JsonNode patch,
            boolean dryRun,
            String fieldValidation) {
        if (!(patch instanceof ObjectNode applied))
            throw Statuses.badRequest("the applied configuration must be an object");
        Bodies.checkKind(applied, type);
        Bodies.checkIdentity(applied, route.name(), ns, false);
        if (req.param("fieldManager") == null || req.param("fieldManager").isEmpty()) {
            throw Statuses.badRequest(
                    "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }
        warn(resp, checkSchema(applied, type, fieldValidation, List.of()));
        Caller caller = caller(req);
        try {
            ObjectNode result = registry.patch(
                    type,
                    ns,
                    route.name(),
                    current -> (ObjectNode)
                            StrategicMergePatch.forKind(type.kind()).apply(current, applied),
                    part(route),
                    dryRun,
                    caller);
            warn(resp, caller);
            output.object(req, resp, 200, type, result);
        } catch (ApiException e) {
            if (e.code() != 404 || route.subresource() != null) throw e;
            ObjectNode obj = applied.deepCopy();
            if (Meta.name(obj) == null) Meta.of(obj).put("name", route.name());
            warn(resp, registry.strategy(type).warningsOnCreate(obj));
            caller.warnings().clear();
            ObjectNode created = registry.create(type, ns, obj, dryRun, caller);
            warn(resp, caller);
            output.object(req, resp, 201, type, created);
        }
    }

    // ---- delete ------------------------------------------------------------------------------

    private static DeleteOptions deleteOptions(ApiRequest req) {
        JsonNode body = Json.object();
        String mt = Bodies.mediaType(req);
        // drain's fallback sends DeleteOptions as protobuf (kubectl-contract.md §1.10): read like JSON.
        if (req.body().length > 0 && (mt.contains("json") || mt.contains("yaml") || mt.equals(Bodies.PROTOBUF))) {
            body = Bodies.parse(req);
        }
        return DeleteOptions.from(body, req.param("gracePeriodSeconds"), req.param("propagationPolicy"), dryRun(req));
    }

    private void delete(
            ApiRequest req, ApiResponse resp, ResourceType type, String ns, String name, DeleteOptions opts) {
        Caller caller = caller(req);
        Registry.Deleted d = registry.delete(type, ns, name, opts, caller);
        warn(resp, caller);
        // Pods answer with the object (upstream's ReturnDeletedObject); so does anything whose
        // deletion is still pending. Everything else answers a Success Status.
        if (type.kind().equals("Pod") || !d.gone()) {
            output.object(req, resp, 200, type, d.object());
        } else {
            Output.raw(resp, 200, Statuses.success(type.group(), type.resource(), name, Meta.uid(d.object())));
        }
    }

    private void deleteCollection(ApiRequest req, ApiResponse resp, ResourceType type, String ns, DeleteOptions opts) {
        Registry.Listed l = registry.list(type, ns, filter(req, type));
        List<ObjectNode> out = new ArrayList<>();
        Caller caller = caller(req);
        for (ObjectNode o : l.items()) {
            try {
                out.add(registry.delete(type, Meta.namespace(o), Meta.name(o), opts, caller)
                        .object());
            } catch (ApiException e) {
                if (e.code() != 404) throw e;
            }
        }
        warn(resp, caller);
        output.list(req, resp, type, out, registry.cache().revision());
    }

    /** Who writes: the user the server authenticated (the server itself when none is set). */
    static Caller caller(ApiRequest req) {
        return Caller.of(req.user());
    }
}
