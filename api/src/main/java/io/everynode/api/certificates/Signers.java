package io.everynode.api.certificates;

/**
 * The signer names Kubernetes reserves (upstream's {@code certificates/v1} constants) and the
 * {@code domain/*} form that grants a permission on every signer of a domain.
 */
public final class Signers {
    /** Client certificates for kube-apiserver users; never issued for {@code system:masters}. */
    public static final String KUBE_APISERVER_CLIENT = "kubernetes.io/kube-apiserver-client";
    /** Node client certificates: {@code CN=system:node:NAME, O=system:nodes}. */
    public static final String KUBE_APISERVER_CLIENT_KUBELET = "kubernetes.io/kube-apiserver-client-kubelet";
    /** Node serving certificates, with the node's DNS names and addresses. */
    public static final String KUBELET_SERVING = "kubernetes.io/kubelet-serving";
    /** The v1beta1 default, refused by the v1 API. */
    public static final String LEGACY_UNKNOWN = "kubernetes.io/legacy-unknown";

    private Signers() {}

    /** {@code example.com/*} for {@code example.com/my-signer}: the wildcard a role may name instead. */
    public static String wildcard(String signerName) {
        int slash = signerName.indexOf('/');
        return (slash < 0 ? signerName : signerName.substring(0, slash)) + "/*";
    }
}
