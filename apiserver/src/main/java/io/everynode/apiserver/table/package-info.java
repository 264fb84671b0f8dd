/**
 * Server-side Table printing: one {@code RowPrinter} per resource with kube-apiserver's columns
 * and cells (kubectl-contract.md §1.4, daemonset-rules.md §7), the generic NAME / CREATED AT
 * printer for the rest, and the shared pieces (human durations, label text, pod status cells).
 *
 * <p>Threading: printers are stateless and pure (the caller passes {@code now}); safe from any
 * thread.
 */
package io.everynode.apiserver.table;
