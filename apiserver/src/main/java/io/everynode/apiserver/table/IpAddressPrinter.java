package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.networking.v1.IPAddress;
import io.fabric8.kubernetes.api.model.networking.v1.ParentReference;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get ipaddresses}: NAME PARENTREF, as upstream's printer declares them (no AGE).
 * PARENTREF is {@code resource[.group][/namespace]/name} ({@code services/default/web}), or
 * {@code <none>}.
 */
final class IpAddressPrinter implements RowPrinter<IPAddress> {
    private static final List<TableColumn> COLUMNS =
            List.of(Columns.name(), Columns.of("ParentRef", "string", "The object this address is allocated to"));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<IPAddress> objectType() {
        return IPAddress.class;
    }

    @Override
    public List<Object> cells(IPAddress ip, Instant now) {
        ParentReference ref = ip.getSpec() == null ? null : ip.getSpec().getParentRef();
        String parent = "<none>";
        if (ref != null) {
            String group = Columns.str(ref.getGroup());
            parent = (Columns.str(ref.getResource()) + (group.isEmpty() ? "" : "." + group)).toLowerCase();
            String ns = Columns.str(ref.getNamespace());
            if (!ns.isEmpty()) parent += "/" + ns;
            parent += "/" + Columns.str(ref.getName());
        }
        return List.of(Columns.str(ip.getMetadata().getName()), parent);
    }
}
