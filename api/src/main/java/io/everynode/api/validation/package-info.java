/**
 * Create and update validation of every served kind, as upstream words it: each failure is a
 * {@code FieldError} with its field path, which the API server turns into a 422 {@code Status}
 * cause. DaemonSets follow R6.1–R6.6, ControllerRevisions R6.7, PriorityClasses R8.2; pods and
 * pod templates the parts of upstream's pod-spec validation Everynode relies on; Secrets,
 * ConfigMaps, Services and the workload kinds as docs/kinds.md lists. Call after defaulting.
 *
 * <p>Threading: pure static functions returning lists of errors; safe from any thread.
 */
package io.everynode.api.validation;
