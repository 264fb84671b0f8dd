package io.everynode.apiserver.table;

/**
 * One {@code columnDefinitions} entry of a {@code meta.k8s.io/v1} Table.
 *
 * <p>{@code priority} 0 columns print by default; priority 1 columns print only with
 * {@code kubectl get -o wide} (kubectl-contract.md §1.4). {@code format} is {@code ""} unless
 * upstream sets one (only {@code "name"} is used here).
 */
public record TableColumn(String name, String type, String format, String description, int priority) {}
