package io.everynode.apiserver;

import io.everynode.api.bootstrap.BootstrapTokenSecret;
import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.admission.podsecurity.PodSecurityAdmission;
import io.everynode.apiserver.audit.AuditLogFile;
import io.everynode.apiserver.audit.AuditPolicy;
import io.everynode.apiserver.audit.AuditPolicyReader;
import io.everynode.apiserver.audit.AuditTrail;
import io.everynode.apiserver.audit.Auditor;
import io.everynode.apiserver.auth.AccessControl;
import io.everynode.apiserver.auth.Authenticator;
import io.everynode.apiserver.auth.Authorizer;
import io.everynode.apiserver.auth.RequestAttributes;
import io.everynode.apiserver.auth.SecurityConfig;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.auth.X509Authenticator;
import io.everynode.apiserver.auth.bootstrap.BootstrapTokenAuthenticator;
import io.everynode.apiserver.auth.bootstrap.ClusterInfoAuthorizer;
import io.everynode.apiserver.auth.node.NodeGraphFeed;
import io.everynode.apiserver.auth.node.NodeRestriction;
import io.everynode.apiserver.auth.rbac.EscalationCheck;
import io.everynode.apiserver.auth.rbac.PolicyReconciler;
import io.everynode.apiserver.auth.rbac.RbacAuthorizer;
import io.everynode.apiserver.auth.rbac.RuleResolver;
import io.everynode.apiserver.auth.reviews.AccessReviews;
import io.everynode.apiserver.auth.tokens.ServiceAccountTokenAuthenticator;
import io.everynode.apiserver.auth.tokens.TokenRequests;
import io.everynode.apiserver.auth.tokens.TokenSigner;
import io.everynode.apiserver.auth.tokens.TokenVerifier;
import io.everynode.apiserver.crd.CustomSchemas;
import io.everynode.apiserver.crd.ServedTypes;
import io.everynode.apiserver.discovery.Discovery;
import io.everynode.apiserver.encryption.EncryptionConfig;
import io.everynode.apiserver.encryption.EncryptionConfigReader;
import io.everynode.apiserver.encryption.ValueTransformer;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.lifecycle.Bootstrap;
import io.everynode.apiserver.lifecycle.CrdLifecycle;
import io.everynode.apiserver.lifecycle.GarbageCollector;
import io.everynode.apiserver.lifecycle.NamespaceLifecycle;
import io.everynode.apiserver.lifecycle.StoreLayout;
import io.everynode.apiserver.metrics.MetricsApi;
import io.everynode.apiserver.metrics.MetricsTypes;
import io.everynode.apiserver.openapi.BuiltinSchemas;
import io.everynode.apiserver.openapi.OpenApi;
import io.everynode.apiserver.openapi.SchemaProvider;
import io.everynode.apiserver.registry.Admission;
import io.everynode.apiserver.registry.Registry;
import io.everynode.apiserver.rest.RestHandler;
import io.everynode.apiserver.rest.Route;
import io.everynode.apiserver.rest.Router;
import io.everynode.apiserver.rest.SelfSubjectReviews;
import io.everynode.apiserver.rest.TokenReviews;
import io.everynode.apiserver.strategy.CsrAdmission;
import io.everynode.apiserver.strategy.ServiceClaims;
import io.everynode.apiserver.strategy.ServiceClaimsRepair;
import io.everynode.apiserver.strategy.StoreServiceClaims;
import io.everynode.apiserver.strategy.Strategies;
import io.everynode.apiserver.watch.ObjectCache;
import io.everynode.apiserver.watch.PooledDispatch;
import io.everynode.apiserver.watch.WatchDispatch;
import io.everynode.store.Store;
import io.everynode.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kubernetes API of Everynode, independent of transport: {@link #handle} serves one request,
 * whether it came over HTTP ({@link io.everynode.apiserver.http.HttpFrontend}) or from an
 * in-process client. It owns the watch cache over the store, the registry with its per-kind
 * strategies, and the built-in lifecycle loops (garbage collection by ownerReferences,
 * namespace termination). With the security config's files it encrypts stored values
 * ({@code encryption}) and writes the audit log ({@code audit}) of every request it handles.
 */
public final class ApiServer implements AutoCloseable {
    /** The Kubernetes version this server speaks; kubectl warns beyond one minor of skew. */
    public static final String GIT_VERSION = "v1.35.2";

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final ApiServerConfig config;
    private final Store store;
    private final ObjectCache cache;
    private final WatchDispatch watchDispatch;
    private final Registry registry;
    private final RestHandler rest;
    private final GarbageCollector gc;
    private final NamespaceLifecycle namespaces;
    /** Makes Service address claims agree with the stored Services (every server runs it, as upstream's). */
    private final ServiceClaimsRepair serviceRepair;

    private final ServedTypes types = new ServedTypes();
    private final CrdLifecycle crds;
    private final Metrics metrics = new Metrics();
    private final HealthChecks health;
    private final HostCheck hosts;
    private final BuiltinSchemas builtinSchemas = new BuiltinSchemas(ResourceTypes.all());
    private final OpenApi openApi;
    private final AccessControl access;
    private final Clock clock;
    /** The pods-to-objects graph the Node authorizer decides on, fed by the watch cache. */
    private final NodeGraphFeed nodeGraph;

    private final RuleResolver rbacRules;
    /** metrics.k8s.io, answered from the agents' usage reports (never stored). */
    private final MetricsApi metricsApi;

    private final AuditLogFile auditLog;
    private final Auditor auditor;
    private volatile String serverAddress = "127.0.0.1:6443";

    public ApiServer(ApiServerConfig config, Store store, Clock clock) {
        this(config, store, clock, PooledDispatch.forMachine());
    }

    /**
     * @param watchDispatch where open watches run their writes and timers; the server owns it
     *     and closes it with itself
     */
    public ApiServer(ApiServerConfig config, Store store, Clock clock, WatchDispatch watchDispatch) {
        this.config = config;
        this.clock = clock;
        this.hosts = new HostCheck(config.hostNames());
        this.store = store;
        this.health = HealthChecks.forStore(store);
        this.watchDispatch = watchDispatch;
        ValueTransformer atRest;
        try {
            atRest = encryption(config.security());
            // before anything reads the store: keys of the former layout move to upstream's
            new StoreLayout(store, atRest).ensure();
            if (atRest instanceof EncryptionConfig c) c.checkReadable(store);
            // the cache reads every stored value now: a key that cannot open one fails here
            this.cache = new ObjectCache(store, types::forKey, atRest);
        } catch (RuntimeException e) {
            watchDispatch.close();
            throw e;
        }
        ServiceClaims serviceClaims = new StoreServiceClaims(store, atRest, clock, config.serviceNetwork());
        this.registry = new Registry(
                store,
                cache,
                clock,
                Strategies.all(
                        clock, config.serviceNetwork(), config.security().serviceAccountKeys() != null, serviceClaims),
                types,
                atRest);
        this.metricsApi = new MetricsApi(cache, store, atRest, clock);
        SecurityConfig security = config.security();
        this.rest = new RestHandler(
                registry,
                clock,
                config.minWatchTimeout(),
                watchDispatch,
                types,
                tokenRequests(security),
                security.kubeletClient());
        Bootstrap.ensure(registry, config.serviceNetwork());
        PolicyReconciler.reconcile(registry);
        this.rbacRules = new RuleResolver(cache);
        List<Authenticator> authenticators = authenticators(security);
        this.nodeGraph = NodeGraphFeed.follow(cache);
        this.access = new AccessControl(authenticators, authorizers(security), security.openLoopback());
        rest.reviews().register(ResourceTypes.SELF_SUBJECT_REVIEWS, new SelfSubjectReviews(clock));
        rest.reviews()
                .register(
                        ResourceTypes.TOKEN_REVIEWS, new TokenReviews(authenticators, security.serviceAccountIssuer()));
        boolean audited = security.auditPolicy() != null && security.auditLog() != null;
        AuditPolicy auditPolicy = audited ? AuditPolicyReader.read(security.auditPolicy()) : null;
        this.auditLog = audited ? new AuditLogFile(security.auditLog()) : null;
        this.auditor = audited ? new Auditor(auditPolicy, auditLog, clock) : Auditor.off();
        registry.admission(Admission.chain(admissions(security)));
        new AccessReviews(access, rbacRules).register(rest.reviews());
        this.openApi = new OpenApi(
                types::all,
                SchemaProvider.chain(builtinSchemas, new CustomSchemas(types)),
                builtinSchemas::operationComponents,
                GIT_VERSION);
        types.onChange(openApi::invalidate);
        this.crds = new CrdLifecycle(registry, types, clock);
        crds.start(); // custom resources are served before the first request
        this.gc = new GarbageCollector(registry, types);
        this.namespaces = new NamespaceLifecycle(registry, types, clock, NamespaceLifecycle.DELETION_GRACE);
        this.serviceRepair = new ServiceClaimsRepair(
                () -> registry.list(ResourceTypes.SERVICES, null, o -> true).items(), serviceClaims, clock);
        gc.start();
        namespaces.start();
        serviceRepair.start();
    }

    /**
     * How stored values are encrypted: by the EncryptionConfiguration file, else not at all.
     *
     * @throws IllegalArgumentException for a bad file, naming it and the fields at fault
     */
    private static ValueTransformer encryption(SecurityConfig security) {
        if (security.encryptionConfig() == null) return ValueTransformer.NONE;
        return new EncryptionConfigReader(new SecureRandom()).read(security.encryptionConfig());
    }

    /** Who may call, in order: the first to recognise a request's credential says who sent it. */
    private List<Authenticator> authenticators(SecurityConfig security) {
        List<Authenticator> out = new ArrayList<>();
        out.add(new X509Authenticator(clock));
        out.addAll(security.extraAuthenticators());
        if (security.serviceAccountKeys() != null) {
            out.add(new ServiceAccountTokenAuthenticator(
                    new TokenVerifier(
                            security.serviceAccountKeys().getPublic(),
                            security.serviceAccountIssuer(),
                            List.of(security.serviceAccountIssuer()),
                            clock),
                    registry.lookup()));
        }
        out.add(new BootstrapTokenAuthenticator(
                name -> cache.get(
                        ResourceTypes.SECRETS, ResourceTypes.SECRETS.key(BootstrapTokenSecret.NAMESPACE, name)),
                clock));
        return out;
    }

    /** The TokenRequest API, when the server has a key to sign ServiceAccount tokens with. */
    private TokenRequests tokenRequests(SecurityConfig security) {
        if (security.serviceAccountKeys() == null) return null;
        return new TokenRequests(
                registry,
                new TokenSigner(security.serviceAccountKeys()),
                security.serviceAccountIssuer(),
                clock,
                () -> UUID.randomUUID().toString());
    }

    /** The authorization modes, in upstream's order (Node, then RBAC). */
    private List<Authorizer> authorizers(SecurityConfig security) {
        return List.of(
                nodeGraph.authorizer(),
                // Anonymous readers of kube-public/cluster-info (kubeadm binds a Role for it).
                new ClusterInfoAuthorizer(),
                new RbacAuthorizer(rbacRules));
    }

    /** The admission checks that need to know who writes, in order. */
    private List<Admission> admissions(SecurityConfig security) {
        return List.of(
                new NodeRestriction(),
                new EscalationCheck(rbacRules, a -> access.decide(a)),
                new PodSecurityAdmission(),
                new CsrAdmission(access));
    }

    /** Authentication and authorization, for subresources that check access themselves. */
    public AccessControl access() {
        return access;
    }

    public ApiServerConfig config() {
        return config;
    }

    /** The OpenAPI documents served; {@link OpenApi#invalidate} when the served kinds change. */
    public OpenApi openApi() {
        return openApi;
    }

    /** The address advertised in discovery ({@code serverAddressByClientCIDRs}). */
    public void advertise(String hostPort) {
        this.serverAddress = hostPort;
    }

    /** Serves one request; failures become Kubernetes {@code Status} answers. */
    public void handle(ApiRequest req, ApiResponse transport) {
        long start = System.nanoTime();
        int code = 200;
        String resource = "";
        AuditTrail audit = auditor.start(req, transport);
        ApiResponse resp = audit.response();
        try {
            if (config.security().openLoopback()) hosts.check(req.header("host"), serverAddress);
            UserInfo user = access.authenticate(req);
            req = req.withUser(user);
            Optional<Route> route =
                    Router.resolve(req.path(), (gv, r) -> types.find(gv, r).or(() -> MetricsTypes.find(gv, r)));
            RequestAttributes attributes = RequestAttributes.of(req, route, user);
            audit.begin(attributes, req);
            Authorizer.Decision decision = access.decide(attributes);
            audit.decided(decision);
            access.enforce(attributes, decision);
            if (route.isPresent()) {
                resource = route.get().type().resource();
                if (MetricsTypes.serves(route.get().type())) metricsApi.handle(req, resp, route.get());
                else rest.handle(req, resp, route.get());
            } else {
                nonResource(req, resp);
            }
        } catch (StoreUnavailableException e) {
            // Before the catch-all's 500: the store being out of reach is a timeout, as upstream answers it.
            LOG.warn("{} {}: {}", req.method(), req.path(), e.getMessage());
            ApiException timeout = Statuses.storeTimeout(String.valueOf(e.getMessage()));
            code = timeout.code();
            send(resp, code, timeout.status());
        } catch (ApiException e) {
            code = e.code();
            ObjectNode status = e.status();
            int retryAfter = status.path("details").path("retryAfterSeconds").asInt(0);
            if (retryAfter > 0) resp.header("Retry-After", Integer.toString(retryAfter));
            send(resp, e.code(), status);
        } catch (RuntimeException | java.io.IOException e) {
            code = 500;
            LOG.error("{} {} failed", req.method(), req.path(), e);
            ApiException ie = Statuses.internal(String.valueOf(e.getMessage()));
            send(resp, 500, ie.status());
        } finally {
            audit.finish();
            metrics.record(req.method(), resource, code, (System.nanoTime() - start) / 1000);
        }
    }

    /** Answers a request whose body was over {@link ApiServerConfig#maxRequestBytes()}. */
    public void refuseTooLarge(ApiResponse resp) {
        ApiException e = Statuses.tooLarge(config.maxRequestBytes());
        send(resp, e.code(), e.status());
    }

    private static void send(ApiResponse resp, int code, ObjectNode status) {
        resp.send(code, "application/json", Json.bytes(status));
    }

    private void nonResource(ApiRequest req, ApiResponse resp) {
        if (!req.method().equals("GET"))
            throw Statuses.methodNotAllowed("the server does not allow this method on the requested resource");
        String path = req.path().endsWith("/") && req.path().length() > 1
                ? req.path().substring(0, req.path().length() - 1)
                : req.path();
        if (health.serves(path)) {
            health.answer(req, path, resp);
            return;
        }
        boolean aggregated = Discovery.wantsAggregated(req.header("accept"));
        switch (path) {
            case "/version" -> json(resp, version());
            case "/metrics" ->
                resp.send(
                        200,
                        "text/plain; version=0.0.4; charset=utf-8",
                        metrics.render(countObjects(), store.currentRevision()).getBytes(StandardCharsets.UTF_8));
            case "/api" -> {
                if (aggregated)
                    resp.send(200, Discovery.AGGREGATED_CONTENT_TYPE, Json.bytes(Discovery.aggregated(types, true)));
                else json(resp, Discovery.apiVersions(serverAddress));
            }
            case "/apis" -> {
                if (aggregated) {
                    ObjectNode groups = Discovery.aggregated(types, false);
                    MetricsTypes.addToAggregated(groups);
                    resp.send(200, Discovery.AGGREGATED_CONTENT_TYPE, Json.bytes(groups));
                } else {
                    ObjectNode groups = Discovery.groupList(types);
                    MetricsTypes.addTo(groups);
                    json(resp, groups);
                }
            }
            case "/openapi/v3" -> json(resp, openApi.root());
            default -> {
                if (path.startsWith("/openapi/v3/")) {
                    json(
                            resp,
                            openApi.groupVersion(path.substring("/openapi/v3/".length()))
                                    .orElseThrow(Statuses::pathNotFound));
                } else if (path.startsWith("/api/")) {
                    json(resp, Discovery.resourceList(types, path.substring(5)).orElseThrow(Statuses::pathNotFound));
                } else if (path.startsWith("/apis/")) {
                    String rest = path.substring(6);
                    Optional<ObjectNode> doc = MetricsTypes.document(rest)
                            .or(() -> rest.contains("/")
                                    ? Discovery.resourceList(types, rest)
                                    : Discovery.apiGroup(types, rest));
                    json(resp, doc.orElseThrow(Statuses::pathNotFound));
                } else {
                    throw Statuses.pathNotFound();
                }
            }
        }
    }

    private long countObjects() {
        long n = 0;
        for (ResourceType t : types.stored()) n += cache.size(t);
        return n;
    }

    private static ObjectNode version() {
        ObjectNode v = Json.object();
        v.put("major", "1");
        v.put("minor", "35");
        v.put("emulationMajor", "1");
        v.put("emulationMinor", "35");
        v.put("gitVersion", GIT_VERSION);
        v.put("gitCommit", "everynode");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2026-11-27T00:00:00Z");
        v.put("goVersion", "java" + System.getProperty("java.version"));
        v.put("compiler", "javac");
        v.put("platform", "linux/amd64");
        return v;
    }

    private static void json(ApiResponse resp, ObjectNode body) {
        resp.send(200, "application/json", Json.bytes(body));
    }

    @Override
    public void close() {
        serviceRepair.close();
        gc.close();
        namespaces.close();
        nodeGraph.close();
        crds.close();
        rbacRules.close();
        cache.close();
        watchDispatch.close();
        if (auditLog != null) auditLog.close();
    }
}
