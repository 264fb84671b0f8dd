package io.everynode.controllers.certificates;

import io.everynode.api.certificates.KeyUsages;
import io.everynode.api.certificates.Signers;
import io.everynode.pki.ParsedCsr;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What each kubernetes.io signer requires of a request before it signs (upstream's
 * ValidateKubeletClientCSR, ValidateKubeletServingCSR and the kube-apiserver-client usages
 * check), with upstream's messages: they become the Failed condition's message.
 */
final class SignerRules {
    static final String NODES = "system:nodes";
    static final String NODE_PREFIX = "system:node:";
    /** The signers this controller signs for. */
    static final Set<String> SIGNERS =
            Set.of(Signers.KUBE_APISERVER_CLIENT, Signers.KUBE_APISERVER_CLIENT_KUBELET, Signers.KUBELET_SERVING);

    private static final Set<String> CLIENT =
            Set.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT, KeyUsages.CLIENT_AUTH);
    private static final Set<String> CLIENT_NO_RSA = Set.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.CLIENT_AUTH);
    private static final Set<String> SERVING =
            Set.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT, KeyUsages.SERVER_AUTH);
    private static final Set<String> SERVING_NO_RSA = Set.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.SERVER_AUTH);

    private SignerRules() {}

    /** Why {@code signer} must not sign this request; empty when it may. */
    static Optional<String> problem(String signer, ParsedCsr csr, List<String> usages) {
        return Optional.ofNullable(
                switch (signer) {
                    case Signers.KUBE_APISERVER_CLIENT_KUBELET -> kubeletClient(csr, usages);
                    case Signers.KUBELET_SERVING -> kubeletServing(csr, usages);
                    case Signers.KUBE_APISERVER_CLIENT -> apiserverClient(usages);
                    default -> "unrecognized signerName: \"" + signer + "\"";
                });
    }

    /** Upstream's isNodeClientCert shape: what the approver recognises. */
    static boolean isNodeClient(ParsedCsr csr, List<String> usages) {
        return kubeletClient(csr, usages) == null;
    }

    private static String kubeletClient(ParsedCsr csr, List<String> usages) {
        if (!csr.organizations().equals(List.of(NODES))) return "subject organization is not system:nodes";
        if (!csr.dnsNames().isEmpty()) return "DNS subjectAltNames are not allowed";
        if (!csr.emailAddresses().isEmpty()) return "Email subjectAltNames are not allowed";
        if (!csr.ipAddresses().isEmpty()) return "IP subjectAltNames are not allowed";
        if (!csr.uris().isEmpty()) return "URI subjectAltNames are not allowed";
        if (!csr.commonName().startsWith(NODE_PREFIX)) return "subject common name does not begin with system:node:";
        Set<String> got = Set.copyOf(usages);
        if (got.size() != usages.size() || (!got.equals(CLIENT) && !got.equals(CLIENT_NO_RSA))) {
            return "usages did not match " + sorted(CLIENT);
        }
        return null;
    }

    private static String kubeletServing(ParsedCsr csr, List<String> usages) {
        if (!csr.organizations().equals(List.of(NODES))) return "subject organization is not system:nodes";
        if (csr.dnsNames().isEmpty() && csr.ipAddresses().isEmpty()) return "DNS or IP subjectAltName is required";
        if (!csr.emailAddresses().isEmpty()) return "Email subjectAltNames are not allowed";
        if (!csr.uris().isEmpty()) return "URI subjectAltNames are not allowed";
        Set<String> got = Set.copyOf(usages);
        if (got.size() != usages.size() || (!got.equals(SERVING) && !got.equals(SERVING_NO_RSA))) {
            return "usages did not match " + sorted(SERVING);
        }
        if (!csr.commonName().startsWith(NODE_PREFIX)) return "subject common name does not begin with system:node:";
        return null;
    }

    private static String apiserverClient(List<String> usages) {
        boolean clientAuth = false;
        for (String u : usages) {
            if (u.equals(KeyUsages.CLIENT_AUTH)) clientAuth = true;
            else if (!u.equals(KeyUsages.DIGITAL_SIGNATURE) && !u.equals(KeyUsages.KEY_ENCIPHERMENT)) {
                return "invalid usage for client certificate: " + u;
            }
        }
        return clientAuth ? null : "missing required usage for client certificate: " + KeyUsages.CLIENT_AUTH;
    }

    /** Go's {@code %v} of a sorted string list: {@code [a b c]}. */
    private static String sorted(Set<String> s) {
        return "[" + String.join(" ", new java.util.TreeSet<>(s)) + "]";
    }
}
