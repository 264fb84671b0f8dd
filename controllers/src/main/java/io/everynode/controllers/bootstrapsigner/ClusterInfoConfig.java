package io.everynode.controllers.bootstrapsigner;

import java.util.Arrays;

/**
 * What the {@code cluster-info} ConfigMap publishes: the URL joining nodes reach the API server
 * at and the cluster CA they must trust (PEM). With no server (the in-process and plain-HTTP
 * setups) the signer leaves the {@code kubeconfig} key alone and only signs one that is there.
 *
 * @param server e.g. {@code https://10.0.0.1:6443}, or null
 * @param caPem the CA certificate(s), PEM; empty when there is no server
 */
public record ClusterInfoConfig(String server, byte[] caPem) {
    public ClusterInfoConfig {
        caPem = caPem == null ? new byte[0] : caPem.clone();
    }

    /** Publish nothing of our own: sign what is there. */
    public static ClusterInfoConfig none() {
        return new ClusterInfoConfig(null, null);
    }

    public boolean publishes() {
        return server != null && !server.isEmpty();
    }

    @Override
    public byte[] caPem() {
        return caPem.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterInfoConfig c
                && java.util.Objects.equals(server, c.server)
                && Arrays.equals(caPem, c.caPem);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(server) * 31 + Arrays.hashCode(caPem);
    }

    @Override
    public String toString() {
        return "ClusterInfoConfig[server=" + server + ", caPem=" + caPem.length + " bytes]";
    }
}
