package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * {@code kubectl get validatingwebhookconfigurations} and {@code mutatingwebhookconfigurations}:
 * NAME WEBHOOKS AGE; WEBHOOKS counts the webhooks. One class for both kinds: only the object type
 * and how to reach its webhooks differ.
 */
final class WebhookConfigurationPrinter<T extends HasMetadata> implements RowPrinter<T> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of(
                    "Webhooks",
                    "integer",
                    "Webhooks indicates the number of webhooks registered in this configuration"),
            Columns.age());

    private final Class<T> type;
    private final Function<T, List<?>> webhooks;

    WebhookConfigurationPrinter(Class<T> type, Function<T, List<?>> webhooks) {
        this.type = type;
        this.webhooks = webhooks;
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<T> objectType() {
        return type;
    }

    @Override
    public List<Object> cells(T config, Instant now) {
        return List.of(
                Columns.str(config.getMetadata().getName()),
                Cells.size(webhooks.apply(config)),
                Times.since(config.getMetadata().getCreationTimestamp(), now));
    }
}
