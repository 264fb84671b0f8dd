/**
 * Bootstrap tokens as kubeadm and upstream's cluster-bootstrap library define them: the token
 * format {@code [a-z0-9]{6}.[a-z0-9]{16}} ({@code BootstrapToken}), the Secret that stores one
 * ({@code BootstrapTokenSecret}: {@code bootstrap-token-<id>} in {@code kube-system}, type
 * {@code bootstrap.kubernetes.io/token}), and the detached JWS that signs the {@code cluster-info}
 * ConfigMap with a token's secret ({@code DetachedJws}). The API server's authenticator, the
 * bootstrap signer and token cleaner controllers, {@code everynode token} and (later) joining
 * agents share these rules.
 *
 * <p>Threading: immutable values and stateless functions; safe from any thread.
 */
package io.everynode.api.bootstrap;
