/**
 * Role-based access control with upstream's semantics: {@link
 * io.everynode.apiserver.auth.rbac.RbacAuthorizer} decides from the Roles, ClusterRoles and
 * bindings in the watch cache (through {@link io.everynode.apiserver.auth.rbac.RuleResolver}),
 * {@link io.everynode.apiserver.auth.rbac.EscalationCheck} refuses grants the writer does not
 * hold, and {@link io.everynode.apiserver.auth.rbac.BootstrapPolicy} is the default policy that
 * {@link io.everynode.apiserver.auth.rbac.PolicyReconciler} keeps in the store.
 */
package io.everynode.apiserver.auth.rbac;
