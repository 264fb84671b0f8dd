package io.everynode.apiserver.testing;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.auth.SecurityConfig;
import io.everynode.apiserver.http.HttpFrontend;
import io.everynode.apiserver.http.ServingTls;
import io.everynode.apiserver.watch.WatchDispatch;
import io.everynode.pki.ClusterPki;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * A real API server for tests: real store (SQLite in a directory, or memory), real HTTP on a
 * free loopback port. Close it to stop everything; reopen a SQLite one on the same directory
 * with {@link #sqlite(Path)} to test persistence.
 */
public final class TestServer implements AutoCloseable {
    private final Store store;
    private final ApiServer api;
    private final HttpFrontend http;
    /** Whether closing this server closes the store (not for a server {@link #beside} another). */
    private boolean ownsStore = true;

    private TestServer(Store store) throws Exception {
        this(store, new ApiServer(ApiServerConfig.defaults(), store, Clock.systemUTC()));
    }

    private TestServer(Store store, ApiServer api) throws Exception {
        this(store, api, null);
    }

    private TestServer(Store store, ApiServer api, ServingTls tls) throws Exception {
        this.store = store;
        this.api = api;
        this.http = new HttpFrontend(api, "127.0.0.1", 0, tls);
        http.start();
        api.advertise("127.0.0.1:" + http.port());
    }

    /**
     * A memory-backed server that serves HTTPS with {@code pki}'s serving certificate and
     * authenticates every request ({@link SecurityConfig#secure}): no open loopback.
     */
    public static TestServer secure(ClusterPki pki, Clock clock) throws Exception {
        Store store = Stores.open(StoreConfig.memory(), clock);
        List<X509Certificate> ca = List.of(pki.ca().certificate());
        ApiServerConfig config =
                ApiServerConfig.defaults().withSecurity(SecurityConfig.secure(ca, pki.serviceAccountKeys()));
        return new TestServer(
                store,
                new ApiServer(config, store, clock),
                new ServingTls(pki.serving().key(), List.of(pki.serving().certificate()), ca));
    }

    public HttpFrontend http() {
        return http;
    }

    public static TestServer memory() throws Exception {
        return new TestServer(Stores.open(StoreConfig.memory(), Clock.systemUTC()));
    }

    /** A memory-backed server with its own settings, clock and watch dispatch. */
    public static TestServer memory(ApiServerConfig config, Clock clock, WatchDispatch dispatch) throws Exception {
        Store store = Stores.open(StoreConfig.memory(), clock);
        return new TestServer(store, new ApiServer(config, store, clock, dispatch));
    }

    public static TestServer sqlite(Path dir) throws Exception {
        return sqlite(dir, ApiServerConfig.defaults());
    }

    public static TestServer sqlite(Path dir, ApiServerConfig config) throws Exception {
        Files.createDirectories(dir);
        Store store = Stores.open(StoreConfig.sqlite(dir), Clock.systemUTC());
        return new TestServer(store, new ApiServer(config, store, Clock.systemUTC()));
    }

    /**
     * A second API server, with its own watch cache, registry and HTTP front, on the store of
     * {@code other} (as two servers on one etcd); closing it leaves the store to {@code other}.
     */
    public static TestServer beside(TestServer other) throws Exception {
        TestServer second =
                new TestServer(other.store, new ApiServer(other.api.config(), other.store, Clock.systemUTC()));
        second.ownsStore = false;
        return second;
    }

    public String url() {
        return (http.secure() ? "https" : "http") + "://127.0.0.1:" + http.port();
    }

    public int port() {
        return http.port();
    }

    /** The store under the server, for tests that write beside the API or compact. */
    public Store store() {
        return store;
    }

    public ApiServer api() {
        return api;
    }

    @Override
    public void close() {
        http.close();
        api.close();
        if (ownsStore) store.close();
    }
}
