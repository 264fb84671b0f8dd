package io.everynode.cli;

import io.everynode.apiserver.http.FrontExtension;
import io.everynode.dashboard.Dashboard;
import io.everynode.dashboard.DashboardConfig;
import io.everynode.pki.ClusterPki;

/** The dashboard on a server's front, as {@code server} and {@code up} serve it (docs/dashboard.md). */
final class DashboardFront {
    private DashboardFront() {}

    /** The extension for a front secured with {@code pki}, or plain (open, loopback) when it is null. */
    static FrontExtension of(ClusterPki pki) {
        return new Dashboard(
                        DashboardConfig.trusting(pki == null ? null : pki.ca().certificate()))
                .extension();
    }

    /** The dashboard's address on the API server at {@code apiUrl}. */
    static String url(String apiUrl) {
        return (apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl) + Dashboard.PREFIX;
    }

    /** The hint line {@code server} and {@code up} print. */
    static String hint(String apiUrl) {
        return "Dashboard: " + url(apiUrl) + " (sign in with a ServiceAccount token: docs/dashboard.md)";
    }
}
