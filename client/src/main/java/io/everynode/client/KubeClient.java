package io.everynode.client;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The typed client of the Everynode API, over fabric8 model classes. Controllers, the
 * scheduler and agents reach the API only through this class (design.md); whether it runs in
 * the server's process or across the network is the {@link Transport}'s business.
 *
 * <pre>{@code
 * KubeClient client = KubeClient.http(URI.create("http://127.0.0.1:6443")); // in process: controlplane's InProcessTransport.client(api)
 * Pod pod = client.create(newPod);                        // namespace from pod.metadata.namespace
 * Pod same = client.get(Pod.class, "default", "web-1");
 * ObjectList<Pod> onNode = client.list(Pod.class, null,   // null namespace: all namespaces
 *         new ListOptionsBuilder().withFieldSelector("spec.nodeName=n1").build());
 * client.patch(Pod.class, "default", "web-1", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
 * client.delete(Pod.class, "default", "web-1");
 * }</pre>
 *
 * Every refusal is an {@link ApiError} carrying the code, reason and message of the server's
 * {@code Status}; a server that cannot be reached is an {@link UncheckedIOException}.
 * Thread-safe: share one client per process.
 */
public final class KubeClient implements AutoCloseable {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_INSTANT;

    private final Transport transport;
    private final ClientConfig config;
    private final Clock clock;
    private final Map<Class<?>, ResourceType> types = new HashMap<>();
    private final AtomicLong lastEventNanos = new AtomicLong();
    private final EventCorrelator events = new EventCorrelator();
    private final AtomicLong watches = new AtomicLong();

    public KubeClient(Transport transport, ClientConfig config, Clock clock) {
        this.transport = transport;
        this.config = config;
        this.clock = clock;
        for (ResourceType t : ResourceTypes.all()) types.put(t.model(), t);
    }

    /** A client that calls the API at {@code base} over HTTP, with default settings and the system clock. */
    public static KubeClient http(URI base) {
        return new KubeClient(new HttpTransport(base), ClientConfig.defaults(), Clock.systemUTC());
    }

    /**
     * A client of the server in {@code kubeconfig}'s current context, with its CA, client
     * certificate or token ({@link Kubeconfig}), default settings and the system clock.
     */
    public static KubeClient fromKubeconfig(Path kubeconfig) throws IOException {
        return fromKubeconfig(Kubeconfig.load(kubeconfig));
    }

    /** A client of {@code kubeconfig}'s server, as {@link #fromKubeconfig(Path)}, for a file already read. */
    public static KubeClient fromKubeconfig(Kubeconfig kubeconfig) {
        return new KubeClient(
                HttpTransport.of(kubeconfig, ClientConfig.defaults()), ClientConfig.defaults(), Clock.systemUTC());
    }

    public ClientConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    // ---- reads -------------------------------------------------------------------------------

    /** The object, or an {@link ApiError} 404. {@code namespace} is ignored for cluster-scoped kinds. */
    public <T extends HasMetadata> T get(Class<T> kind, String namespace, String name) {
        ResourceType t = type(kind);
        return decode(call("GET", Paths.object(t, ns(t, namespace), name, null), Map.of(), null, null), kind);
    }

    /** All objects of a kind in a namespace, or in all namespaces when {@code namespace} is null. */
    public <T extends HasMetadata> ObjectList<T> list(Class<T> kind, String namespace) {
        return list(kind, namespace, null);
    }

    /**
     * Objects matching the label and field selectors of {@code options} (null for none), with
     * the resourceVersion of the list.
     */
    public <T extends HasMetadata> ObjectList<T> list(Class<T> kind, String namespace, ListOptions options) {
        ResourceType t = type(kind);
        Map<String, List<String>> q = query(options);
        JsonNode list = Json.parse(call("GET", Paths.collection(t, ns(t, namespace)), q, null, null));
        List<T> items = new ArrayList<>();
        for (JsonNode item : list.path("items")) {
            if (item instanceof ObjectNode o) {
                // Items of a list may omit kind and apiVersion, as upstream's do.
                if (!o.has("kind")) o.put("kind", t.kind());
                if (!o.has("apiVersion")) o.put("apiVersion", t.apiVersion());
            }
            items.add(Json.MAPPER.treeToValue(item, kind));
        }
        return new ObjectList<>(items, Json.text(list.path("metadata"), "resourceVersion"));
    }

    // ---- writes ------------------------------------------------------------------------------

    /** Creates the object in its {@code metadata.namespace}; answers it as stored. */
    public <T extends HasMetadata> T create(T object) {
        ResourceType t = type(object.getClass());
        String path = Paths.collection(t, ns(t, namespaceOf(t, object)));
        return decode(call("POST", path, Map.of(), "application/json", Json.bytes(object)), typeOf(object));
    }

    /**
     * Replaces the object. Its {@code metadata.resourceVersion}, when set, must be the stored one,
     * else the answer is an {@link ApiError} 409 Conflict.
     */
    public <T extends HasMetadata> T update(T object) {
        return put(object, null);
    }

    /** Replaces the status of the object (the {@code status} subresource); the rest is ignored. */
    public <T extends HasMetadata> T updateStatus(T object) {
        return put(object, "status");
    }

    private <T extends HasMetadata> T put(T object, String subresource) {
        ResourceType t = type(object.getClass());
        String path = Paths.object(t, ns(t, namespaceOf(t, object)), nameOf(object), subresource);
        return decode(call("PUT", path, Map.of(), "application/json", Json.bytes(object)), typeOf(object));
    }

    public <T extends HasMetadata> T patch(Class<T> kind, String namespace, String name, PatchType type, String patch) {
        return patch(kind, namespace, name, type, patch, null);
    }

    /** Patches the object, or its {@code subresource} ("status") when not null. */
    public <T extends HasMetadata> T patch(
            Class<T> kind, String namespace, String name, PatchType type, String patch, String subresource) {
        ResourceType t = type(kind);
        byte[] body = patch.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return decode(
                call("PATCH", Paths.object(t, ns(t, namespace), name, subresource), Map.of(), type.mediaType(), body),
                kind);
    }

    /** Deletes with the server's defaults: the kind's grace period, Background propagation. */
    public void delete(Class<? extends HasMetadata> kind, String namespace, String name) {
        delete(kind, namespace, name, null);
    }

    /**
     * Deletes with {@code options} (grace period, propagation policy, preconditions); null for
     * the defaults. A pod with a grace period is marked for deletion and disappears later.
     */
    public void delete(Class<? extends HasMetadata> kind, String namespace, String name, DeleteOptions options) {
        ResourceType t = type(kind);
        byte[] body = options == null ? null : Json.bytes(options);
        call(
                "DELETE",
                Paths.object(t, ns(t, namespace), name, null),
                Map.of(),
                body == null ? null : "application/json",
                body);
    }

    // ---- watch -------------------------------------------------------------------------------

    /**
     * Watches a kind in a namespace (all namespaces for null). {@code options} carries the
     * resourceVersion to start after (unset: the current objects arrive first as ADDED), the
     * selectors and {@code timeoutSeconds}. A refused watch (410 Gone for a compacted
     * resourceVersion, 400 for a bad selector) throws here; later failures reach
     * {@link Watcher#onClose}. Events arrive on a thread of the watch's own.
     */
    public <T extends HasMetadata> WatchHandle watch(
            Class<T> kind, String namespace, ListOptions options, Watcher<T> watcher) {
        ResourceType t = type(kind);
        Map<String, List<String>> q = query(options);
        q.put("watch", List.of("true"));
        Transport.Request req = new Transport.Request("GET", Paths.collection(t, ns(t, namespace)), q, null, null);
        Transport.Streamed s;
        try {
            s = transport.stream(req);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + req.path() + " (watch): " + e.getMessage(), e);
        }
        if (s.failure() != null) throw ApiError.from(s.failure());
        WatchReader<T> reader =
                new WatchReader<>(kind, s.lines(), watcher, "watch-" + t.resource() + "-" + watches.incrementAndGet());
        reader.start();
        return reader;
    }

    // ---- pod and event helpers ---------------------------------------------------------------

    /** Binds a pod to a node ({@code pods/binding}): how a scheduler places a pod. Once only: a second bind is a 409. */
    public void bind(Pod pod, String nodeName) {
        ObjectNode b = Json.object();
        b.put("apiVersion", "v1");
        b.put("kind", "Binding");
        ObjectNode m = b.putObject("metadata");
        m.put("name", nameOf(pod));
        m.put("namespace", pod.getMetadata().getNamespace());
        ObjectNode target = b.putObject("target");
        target.put("apiVersion", "v1");
        target.put("kind", "Node");
        target.put("name", nodeName);
        String path = Paths.object(ResourceTypes.PODS, pod.getMetadata().getNamespace(), nameOf(pod), "binding");
        call("POST", path, Map.of(), "application/json", Json.bytes(b));
    }

    /** Evicts a pod through the Eviction API ({@code pods/eviction}) with the pod's own grace period. */
    public void evict(Pod pod) {
        evict(pod, null);
    }

    /** Evicts a pod; {@code options} (null for defaults) govern the deletion that follows. */
    public void evict(Pod pod, DeleteOptions options) {
        ObjectNode e = Json.object();
        e.put("apiVersion", "policy/v1");
        e.put("kind", "Eviction");
        ObjectNode m = e.putObject("metadata");
        m.put("name", nameOf(pod));
        m.put("namespace", pod.getMetadata().getNamespace());
        if (options != null) e.set("deleteOptions", Json.tree(options));
        String path = Paths.object(ResourceTypes.PODS, pod.getMetadata().getNamespace(), nameOf(pod), "eviction");
        call("POST", path, Map.of(), "application/json", Json.bytes(e));
    }

    /**
     * Sends a node's usage reading to the API server for {@code metrics.k8s.io}
     * ({@code POST /apis/metrics.k8s.io/v1beta1/nodes/NODE/usage}, an Everynode extension: the
     * node writes its own, as it writes its status).
     */
    public void reportUsage(io.everynode.api.metrics.UsageReport report) {
        call(
                "POST",
                "/apis/metrics.k8s.io/v1beta1/nodes/" + report.node() + "/usage",
                Map.of(),
                "application/json",
                Json.bytes(report.toJson()));
    }

    /**
     * A token for ServiceAccount {@code namespace/serviceAccount} from the TokenRequest API
     * ({@code serviceaccounts/token}), as the kubelet asks for a pod's projected token.
     *
     * @param audience the token's one audience, or null for the API server's own
     * @param boundPod the pod the token is bound to (it stops working when the pod is gone), or null
     */
    public IssuedToken createToken(
            String namespace, String serviceAccount, String audience, long expirationSeconds, Pod boundPod) {
        ObjectNode req = Json.object();
        req.put("apiVersion", "authentication.k8s.io/v1");
        req.put("kind", "TokenRequest");
        ObjectNode spec = req.putObject("spec");
        if (audience != null && !audience.isEmpty()) spec.putArray("audiences").add(audience);
        spec.put("expirationSeconds", expirationSeconds);
        if (boundPod != null) {
            ObjectNode ref = spec.putObject("boundObjectRef");
            ref.put("apiVersion", "v1");
            ref.put("kind", "Pod");
            ref.put("name", nameOf(boundPod));
            ref.put("uid", boundPod.getMetadata().getUid());
        }
        String path = Paths.object(ResourceTypes.SERVICE_ACCOUNTS, namespace, serviceAccount, "token");
        JsonNode answer = Json.parse(call("POST", path, Map.of(), "application/json", Json.bytes(req)));
        return new IssuedToken(
                answer.path("status").path("token").asString(),
                Instant.parse(answer.path("status").path("expirationTimestamp").asString()));
    }

    /**
     * Records a core/v1 Event about {@code involved}, as client-go's recorder does: named
     * {@code <object>.<hex time>}, in the object's namespace ("default" for cluster-scoped
     * objects), count 1, first and last timestamp now. A repeat of an event this client recorded
     * before (same component, object, type, reason and message) raises that Event's count and
     * lastTimestamp instead ({@link EventCorrelator}). Controllers and agents record through an
     * {@link EventRecorder}, which calls this off their sync path.
     *
     * @param type "Normal" or "Warning"
     * @param component the reporting component, e.g. "daemonset-controller"
     */
    /**
     * The kind an event is about: the one the object names when it names a served kind other than
     * its class's (the DaemonSet controller's apps/v1 view of an {@code apps.kruise.io/v1alpha1}
     * DaemonSet, E7.3), else its class's.
     */
    private ResourceType involvedType(HasMetadata involved) {
        ResourceType byClass = type(involved.getClass());
        String apiVersion = involved.getApiVersion();
        if (apiVersion == null || apiVersion.equals(byClass.apiVersion())) return byClass;
        return ResourceTypes.byKind(apiVersion, involved.getKind()).orElse(byClass);
    }

    public Event createEvent(HasMetadata involved, String type, String reason, String message, String component) {
        return createEvent(involved, type, reason, message, component, 1);
    }

    /**
     * As {@link #createEvent(HasMetadata, String, String, String, String)} for {@code times}
     * occurrences at once (a new Event starts at that count; a repeat adds it). Combined events
     * ("(combined from similar events): …", {@link EventAggregator}) of one object, type and
     * reason fold into one Event whatever their message, and each update carries the latest message.
     */
    public Event createEvent(
            HasMetadata involved, String type, String reason, String message, String component, int times) {
        Instant now = clock.instant();
        long nanos = lastEventNanos.updateAndGet(
                last -> Math.max(last + 1, now.getEpochSecond() * 1_000_000_000L + now.getNano()));
        ResourceType t = involvedType(involved);
        String ns = t.namespaced() ? involved.getMetadata().getNamespace() : "default";
        String ts = RFC3339.format(now.truncatedTo(ChronoUnit.SECONDS));
        Event ev = new Event();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(nameOf(involved) + "." + Long.toHexString(nanos));
        meta.setNamespace(ns);
        ev.setMetadata(meta);
        io.fabric8.kubernetes.api.model.ObjectReference ref = new io.fabric8.kubernetes.api.model.ObjectReference();
        ref.setApiVersion(t.apiVersion());
        ref.setKind(t.kind());
        ref.setName(nameOf(involved));
        ref.setNamespace(t.namespaced() ? involved.getMetadata().getNamespace() : null);
        ref.setUid(involved.getMetadata().getUid());
        ref.setResourceVersion(involved.getMetadata().getResourceVersion());
        ev.setInvolvedObject(ref);
        ev.setType(type);
        ev.setReason(reason);
        ev.setMessage(message);
        ev.setSource(new io.fabric8.kubernetes.api.model.EventSource(component, null));
        ev.setReportingComponent(component);
        String correlated = EventAggregator.isCombined(message) ? EventAggregator.COMBINED_PREFIX : message;
        String key = EventCorrelator.key(
                component, t.kind(), ref.getNamespace(), ref.getName(), ref.getUid(), type, reason, correlated);
        EventCorrelator.Decision d = events.observe(key, ns, meta.getName(), ts, times);
        if (d.update()) {
            ObjectNode patch = Json.object();
            patch.put("count", d.seen().count());
            patch.put("lastTimestamp", ts);
            if (EventAggregator.isCombined(message)) patch.put("message", message);
            try {
                return patch(Event.class, d.seen().namespace(), d.seen().name(), PatchType.MERGE, Json.string(patch));
            } catch (ApiError e) {
                if (!e.isNotFound()) throw e;
                events.forget(key);
                events.observe(key, ns, meta.getName(), ts, times);
            }
        }
        ev.setFirstTimestamp(ts);
        ev.setLastTimestamp(ts);
        ev.setCount(times);
        return create(ev);
    }

    @Override
    public void close() {
        transport.close();
    }

    // ---- plumbing ----------------------------------------------------------------------------

    /** The served resource of a model class; a class the API does not serve is a programming error. */
    ResourceType type(Class<?> kind) {
        ResourceType t = types.get(kind);
        if (t == null) throw new IllegalArgumentException("the API serves no resource for " + kind.getName());
        return t;
    }

    private static String ns(ResourceType t, String namespace) {
        return t.namespaced() ? namespace : null;
    }

    private static String namespaceOf(ResourceType t, HasMetadata o) {
        if (!t.namespaced()) return null;
        String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
        if (ns == null || ns.isEmpty()) throw new IllegalArgumentException(t.kind() + " needs metadata.namespace");
        return ns;
    }

    private static String nameOf(HasMetadata o) {
        String name = o.getMetadata() == null ? null : o.getMetadata().getName();
        if (name == null || name.isEmpty()) throw new IllegalArgumentException(o.getKind() + " needs metadata.name");
        return name;
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> typeOf(T object) {
        return (Class<T>) object.getClass();
    }

    private <T> T decode(byte[] body, Class<T> kind) {
        return Json.MAPPER.readValue(body, kind);
    }

    /** One whole exchange; a non-2xx answer becomes an {@link ApiError}. */
    private byte[] call(String method, String path, Map<String, List<String>> query, String contentType, byte[] body) {
        Transport.Response r;
        try {
            r = transport.send(new Transport.Request(method, path, query, contentType, body));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
        }
        if (!r.ok()) throw ApiError.from(r);
        return r.body();
    }

    /** The query parameters a list or watch sends for {@code options}. */
    static Map<String, List<String>> query(ListOptions o) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (o == null) return q;
        put(q, "labelSelector", o.getLabelSelector());
        put(q, "fieldSelector", o.getFieldSelector());
        put(q, "resourceVersion", o.getResourceVersion());
        put(q, "resourceVersionMatch", o.getResourceVersionMatch());
        put(q, "timeoutSeconds", o.getTimeoutSeconds());
        put(q, "limit", o.getLimit());
        put(q, "continue", o.getContinue());
        put(q, "allowWatchBookmarks", o.getAllowWatchBookmarks());
        put(q, "sendInitialEvents", o.getSendInitialEvents());
        return q;
    }

    private static void put(Map<String, List<String>> q, String name, Object value) {
        if (value != null && !value.toString().isEmpty()) q.put(name, List.of(value.toString()));
    }
}
