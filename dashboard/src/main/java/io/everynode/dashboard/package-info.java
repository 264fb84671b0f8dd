/**
 * The fleet dashboard (issue 16, docs/dashboard.md): {@link io.everynode.dashboard.Dashboard} is
 * the entry, {@link io.everynode.dashboard.DashboardConfig} its settings; the page's files are
 * resources under {@code assets/}. Package {@code fleet} holds the grid: the pure state of each
 * node's cell and the live stream of its changes.
 */
package io.everynode.dashboard;
