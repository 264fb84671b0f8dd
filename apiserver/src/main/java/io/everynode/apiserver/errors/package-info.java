/**
 * Failures as kube-apiserver answers them: {@code ApiException} carries a {@code Status} (reason,
 * message, code, {@code details.causes} with field paths) and {@code Statuses} builds each one
 * worded as upstream words it, so kubectl prints what it prints against a real cluster
 * (kubectl-contract.md §1.9).
 *
 * <p>Threading: static builders of new objects; safe from any thread.
 */
package io.everynode.apiserver.errors;
