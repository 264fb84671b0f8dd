/**
 * Bootstrap tokens on the API server's side: {@code BootstrapTokenAuthenticator} (a bearer
 * {@code id.secret} that matches a live bootstrap-token Secret is {@code system:bootstrap:<id>})
 * and {@code ClusterInfoAuthorizer} (everyone, anonymous included, may get the
 * {@code cluster-info} ConfigMap in {@code kube-public}, as kubeadm's
 * {@code kubeadm:bootstrap-signer-clusterinfo} Role binding grants). The token and Secret formats
 * are {@link io.everynode.api.bootstrap}'s.
 *
 * <p>Threading: both are stateless apart from their injected lookup and clock; safe from any
 * request thread.
 */
package io.everynode.apiserver.auth.bootstrap;
