/**
 * kubeadm's bootstrap controllers: the bootstrap signer ({@code BootstrapSigner}, run by
 * {@code BootstrapSignerRunner}) keeps the {@code cluster-info} ConfigMap in {@code kube-public}
 * current, its {@code kubeconfig} from {@code ClusterInfoConfig} and one
 * {@code jws-kubeconfig-<token-id>} signature per live token that may sign; the token cleaner
 * ({@code TokenCleaner}, run by {@code TokenCleanerRunner}) deletes bootstrap-token Secrets once
 * they expire. Both decide on an injected clock; their writes go through action interfaces.
 *
 * <p>Threading: each runner syncs on one worker thread; the cores are stateless.
 */
package io.everynode.controllers.bootstrapsigner;
