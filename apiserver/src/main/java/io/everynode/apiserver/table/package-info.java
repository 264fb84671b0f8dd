/**
 * Server-side Table printing: one {@code RowPrinter} per resource with kube-apiserver's columns
 * and cells (kubectl-contract.md §1.4, daemonset-rules.md §7, tables.md for the kinds of issue 11),
 * the generic NAME / CREATED AT printer for the kinds upstream prints that way (Role, ClusterRole,
 * LimitRange, CustomResourceDefinition, …), and the shared pieces (human durations, label text,
 * pod status cells, container and quantity cells).
 *
 * <p>Threading: printers are stateless and pure (the caller passes {@code now}); safe from any
 * thread.
 */
package io.everynode.apiserver.table;
