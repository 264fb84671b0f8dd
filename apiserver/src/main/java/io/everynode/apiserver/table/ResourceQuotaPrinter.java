package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code kubectl get resourcequotas}: NAME REQUEST LIMIT AGE. For every resource of status.hard,
 * sorted by name, {@code name: used/hard}, joined by {@code ", "}: resources named
 * {@code limits.*} go to LIMIT, all others to REQUEST. Both are empty until the quota has a
 * status (nothing here computes usage).
 */
final class ResourceQuotaPrinter implements RowPrinter<ResourceQuota> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of(
                    "Request",
                    "string",
                    "Request represents a minimum amount of cpu/memory that a container may consume."),
            Columns.of(
                    "Limit",
                    "string",
                    "Limits control the maximum amount of cpu/memory that a container may use independent of"
                            + " contention on the node."),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<ResourceQuota> objectType() {
        return ResourceQuota.class;
    }

    @Override
    public List<Object> cells(ResourceQuota quota, Instant now) {
        Map<String, Quantity> hard =
                quota.getStatus() == null ? null : quota.getStatus().getHard();
        Map<String, Quantity> used =
                quota.getStatus() == null ? null : quota.getStatus().getUsed();
        List<String> requests = new ArrayList<>();
        List<String> limits = new ArrayList<>();
        if (hard != null) {
            new TreeMap<>(hard).forEach((resource, h) -> {
                String text = resource + ": " + Cells.quantity(used == null ? null : used.get(resource)) + "/"
                        + Cells.quantity(h);
                String[] pieces = resource.split("\\.", -1);
                (pieces.length > 1 && pieces[0].equals("limits") ? limits : requests).add(text);
            });
        }
        return List.of(
                Columns.str(quota.getMetadata().getName()),
                String.join(", ", requests),
                String.join(", ", limits),
                Times.since(quota.getMetadata().getCreationTimestamp(), now));
    }
}
