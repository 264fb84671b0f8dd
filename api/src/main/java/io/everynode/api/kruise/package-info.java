/**
 * OpenKruise's Advanced DaemonSet ({@code apps.kruise.io/v1alpha1} {@code DaemonSet}), served
 * natively (rules E7.x of docs/daemonset-rules.md; docs/advanced-daemonset.md): its model as
 * Jackson POJOs with OpenKruise's JSON names ({@link io.everynode.api.kruise.AdvancedDaemonSet}),
 * the defaults OpenKruise's webhook sets ({@link io.everynode.api.kruise.AdvancedDaemonSetDefaults}),
 * and {@link io.everynode.api.kruise.AdvancedView}, the apps/v1 view through which the DaemonSet
 * controller runs it. Validation is {@code api.validation.AdvancedDaemonSetValidation}.
 *
 * <p>Threading: the model objects are plain mutable values (copy before changing a shared one);
 * the functions are stateless and safe from any thread.
 */
package io.everynode.api.kruise;
