package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl get endpoints}: NAME ENDPOINTS AGE. ENDPOINTS lists {@code ip:port} for every
 * port of every subset and every ready address (just {@code ip} for a subset without ports; IPv6
 * in brackets), the first three, then {@code + N more...}; {@code <none>} without subsets.
 * Not-ready addresses are not listed, as upstream.
 */
final class EndpointsPrinter implements RowPrinter<Endpoints> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Endpoints", "string", "The set of all endpoints is the union of all subsets."),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<Endpoints> objectType() {
        return Endpoints.class;
    }

    @Override
    public List<Object> cells(Endpoints ep, Instant now) {
        return List.of(
                Columns.str(ep.getMetadata().getName()),
                endpoints(ep.getSubsets()),
                Times.since(ep.getMetadata().getCreationTimestamp(), now));
    }

    static String endpoints(List<EndpointSubset> subsets) {
        if (subsets == null || subsets.isEmpty()) {
            return "<none>";
        }
        List<String> all = new ArrayList<>();
        for (EndpointSubset ss : subsets) {
            List<EndpointAddress> addresses = ss.getAddresses() == null ? List.of() : ss.getAddresses();
            if (ss.getPorts() == null || ss.getPorts().isEmpty()) {
                addresses.forEach(a -> all.add(Columns.str(a.getIp())));
                continue;
            }
            for (EndpointPort port : ss.getPorts()) {
                for (EndpointAddress a : addresses) {
                    all.add(hostPort(Columns.str(a.getIp()), Columns.int64(port.getPort())));
                }
            }
        }
        String shown = String.join(",", all.subList(0, Math.min(Cells.LIST_MAX, all.size())));
        return all.size() > Cells.LIST_MAX ? shown + " + " + (all.size() - Cells.LIST_MAX) + " more..." : shown;
    }

    private static String hostPort(String ip, long port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }
}
