/**
 * Agents that join a cluster from other hosts, as kubeadm and the kubelet do.
 *
 * <p>{@link io.everynode.agent.join.ClusterDiscovery}: the {@code cluster-info} ConfigMap read
 * anonymously over untrusted TLS ({@code UntrustedTls}), believed once the bootstrap token's
 * detached JWS and a pinned CA hash check out, then read again trusting that CA alone.
 * {@link io.everynode.agent.join.NodeCertificateRequest}: a new key, a CSR for
 * {@code system:node:NAME} to {@code kubernetes.io/kube-apiserver-client-kubelet}, watched until
 * issued. {@link io.everynode.agent.join.NodeJoin} puts them together (reusing valid credentials
 * from an earlier join); {@link io.everynode.agent.join.NodeCredentialFiles} holds them as the
 * kubelet does ({@code kubelet.conf}, {@code pki/kubelet-client-current.pem}, owner-only).
 * {@link io.everynode.agent.join.CertificateRotation} renews the certificate at 70–90 % of its
 * life on an injected clock and {@link io.everynode.agent.join.JoinedClient} swaps the new one
 * into its transport. Failures are {@link io.everynode.agent.join.JoinFailure}s with one-line
 * messages; nothing is written before a join has succeeded.
 *
 * <p>Threading: joining runs on the caller's thread (watch events arrive on the watch's own);
 * each rotation has one timer thread.
 */
package io.everynode.agent.join;
