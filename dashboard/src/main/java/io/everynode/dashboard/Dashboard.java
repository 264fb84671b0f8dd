package io.everynode.dashboard;

import io.everynode.apiserver.http.FrontExtension;

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

    public Dashboard(DashboardConfig config) {
        this.config = config;
    }

    /** The front extension serving the dashboard; make one per HTTP front. */
    public FrontExtension extension() {
        return new FrontExtension(PREFIX, new DashboardHandler(config));
    }
}
