/**
 * The Pod Security Standards (upstream's {@code k8s.io/pod-security-admission/policy}) as pure
 * checks over a pod's metadata and spec: the three levels ({@link
 * io.everynode.api.podsecurity.Level}), every baseline and restricted check with upstream's check
 * ids, forbidden reasons and details ({@link io.everynode.api.podsecurity.PodSecurityStandards}),
 * and the namespace labels that choose a level per mode ({@link
 * io.everynode.api.podsecurity.NamespacePolicy}). The API server's admission uses them; kubectl
 * prints their texts as upstream's.
 *
 * <p>Versions: a level may be pinned ({@code v1.35}); every version is evaluated with the checks
 * of the latest one (upstream 1.35's), see docs/security.md.
 *
 * <p>Threading: stateless functions and immutable values; safe from any thread.
 */
package io.everynode.api.podsecurity;
