package io.everynode.dashboard;

import io.everynode.apiserver.http.FrontExtension;
import io.everynode.dashboard.signin.CertificateSignIn;
import io.everynode.dashboard.signin.Sessions;
import java.security.SecureRandom;
import java.util.List;

/**
 * The fleet dashboard (docs/dashboard.md): a page at {@value #PREFIX} on the API server's own
 * port that shows every node of a DaemonSet as one cell of a grid, live. Hand
 * {@link #extension()} to the control plane's builder; the front serves it beside the API and
 * starts and stops it with itself.
 *
 * <p>Security: the API does not authenticate the dashboard's requests, and the dashboard holds
 * no identity of its own: the browser calls the API with the signed-in token, and the
 * dashboard's own endpoints call the API with that same token ({@link CallerClients}), so every
 * read and write is the caller's, under RBAC.
 */
public final class Dashboard {
    /** Where the dashboard is served. */
    public static final String PREFIX = "/dashboard/";

    private final DashboardConfig config;
    private final Sessions sessions;

    public Dashboard(DashboardConfig config) {
        this.config = config;
        this.sessions = new Sessions(config.clock(), config.sessionTtl(), new SecureRandom());
    }

    /**
     * The front extension serving the dashboard; make one per HTTP front. It hands the API the
     * authenticator of the sessions it issues for client certificates ({@link Sessions}).
     */
    public FrontExtension extension() {
        CertificateSignIn certificates = new CertificateSignIn(config.clusterCa(), sessions, config.clock());
        return new FrontExtension(PREFIX, new DashboardHandler(config, certificates), List.of(sessions));
    }
}
