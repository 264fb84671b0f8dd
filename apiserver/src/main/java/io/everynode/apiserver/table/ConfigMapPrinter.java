package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Instant;
import java.util.List;

/** {@code kubectl get configmaps}: NAME DATA AGE; DATA counts the keys of data and binaryData. */
final class ConfigMapPrinter implements RowPrinter<ConfigMap> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of(
                    "Data",
                    "string",
                    "Data contains the configuration data. Each key must consist of"
                            + " alphanumeric characters, '-', '_' or '.'."),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<ConfigMap> objectType() {
        return ConfigMap.class;
    }

    @Override
    public List<Object> cells(ConfigMap cm, Instant now) {
        return List.of(
                Columns.str(cm.getMetadata().getName()),
                Cells.size(cm.getData()) + Cells.size(cm.getBinaryData()),
                Times.since(cm.getMetadata().getCreationTimestamp(), now));
    }
}
