package io.everynode.controllers.manager;

import io.everynode.controllers.bootstrapsigner.ClusterInfoConfig;
import io.everynode.controllers.certificates.SigningConfig;

/**
 * What the controllers that hand out the cluster's trust are given; each part null when the
 * server has none (a server without TLS), and then its controller signs or publishes nothing.
 *
 * @param csrSigning the CA the CSR signing controller issues with
 * @param rootCaPem the cluster CA (PEM) that the root-ca-cert-publisher puts in every
 *     namespace's {@code kube-root-ca.crt} ConfigMap
 * @param clusterInfo the server URL and CA the bootstrap signer publishes in {@code cluster-info}
 *     ({@link ClusterInfoConfig#none()}: it only signs a kubeconfig that is there already)
 */
public record ClusterCredentials(SigningConfig csrSigning, String rootCaPem, ClusterInfoConfig clusterInfo) {
    public static ClusterCredentials none() {
        return new ClusterCredentials(null, null, ClusterInfoConfig.none());
    }

    public ClusterCredentials withCsrSigning(SigningConfig c) {
        return new ClusterCredentials(c, rootCaPem, clusterInfo);
    }

    public ClusterCredentials withRootCa(String pem) {
        return new ClusterCredentials(csrSigning, pem, clusterInfo);
    }

    public ClusterCredentials withClusterInfo(ClusterInfoConfig c) {
        return new ClusterCredentials(csrSigning, rootCaPem, c);
    }
}
