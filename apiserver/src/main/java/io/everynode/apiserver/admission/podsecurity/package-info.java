/**
 * Pod Security admission (upstream's {@code PodSecurity} plugin): the namespace labels {@code
 * pod-security.kubernetes.io/enforce|audit|warn} choose a level of the standards ({@code
 * io.everynode.api.podsecurity}) per mode. Enforce refuses pods (creates, and updates that change
 * what the checks read) with 403 Forbidden; warn adds {@code Warning} headers; audit adds audit
 * annotations to the {@link io.everynode.apiserver.registry.Caller}. Workload kinds with a pod
 * template get warn and audit, never enforce: their pods are checked when their controller
 * creates them. Namespace writes are checked for valid labels, and a stricter enforce level is
 * tried on the pods already there. Default level: privileged. Exemptions by user, runtime class
 * and namespace come in through the constructor.
 *
 * <p>Threading: stateless but for its immutable configuration; safe from any request thread.
 */
package io.everynode.apiserver.admission.podsecurity;
