package io.everynode.api.bootstrap;

import java.util.Base64;

/**
 * The {@code cluster-info} ConfigMap in {@code kube-public} (kubeadm's discovery document): key
 * {@value #KUBECONFIG} holds a kubeconfig with the cluster's server URL and CA and no
 * credentials; each token that may sign adds {@code jws-kubeconfig-<token-id>}, a
 * {@link DetachedJws} of that kubeconfig. Anonymous users may read it, so a joining node can
 * fetch it before it has credentials and check it against its token and CA hash.
 */
public final class ClusterInfo {
    public static final String NAMESPACE = "kube-public";
    public static final String NAME = "cluster-info";
    public static final String KUBECONFIG = "kubeconfig";
    public static final String SIGNATURE_PREFIX = "jws-kubeconfig-";

    private ClusterInfo() {}

    /**
     * The kubeconfig kubeadm publishes: one unnamed cluster with {@code server} and the CA
     * certificate(s) as PEM, no contexts and no users.
     */
    public static String kubeconfig(String server, byte[] caPem) {
        return "apiVersion: v1\n"
                + "clusters:\n"
                + "- cluster:\n"
                + "    certificate-authority-data: " + Base64.getEncoder().encodeToString(caPem) + "\n"
                + "    server: " + server + "\n"
                + "  name: \"\"\n"
                + "contexts: null\n"
                + "current-context: \"\"\n"
                + "kind: Config\n"
                + "preferences: {}\n"
                + "users: null\n";
    }
}
