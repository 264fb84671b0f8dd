package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code kubectl get services}: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE; wide SELECTOR.
 *
 * <p>CLUSTER-IP is the first of clusterIPs (else clusterIP), or {@code <none>}. EXTERNAL-IP is
 * externalIPs (or {@code <none>}) for ClusterIP and NodePort; for LoadBalancer the ingress IPs or
 * hostnames, sorted, then externalIPs, or {@code <pending>}; for ExternalName the externalName.
 * PORT(S) is {@code port/protocol}, or {@code port:nodePort/protocol} when a nodePort is set,
 * joined by commas, or {@code <none>}. An unset type or protocol prints as the default the real
 * server fills in (ClusterIP, TCP).
 */
final class ServicePrinter implements RowPrinter<Service> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Type", "string", "type determines how the Service is exposed. Defaults to ClusterIP."),
            Columns.of(
                    "Cluster-IP",
                    "string",
                    "clusterIP is the IP address of the service, usually assigned" + " randomly."),
            Columns.of(
                    "External-IP",
                    "string",
                    "externalIPs is a list of IP addresses for which nodes in the"
                            + " cluster will also accept traffic for this service."),
            Columns.of("Port(s)", "string", "The list of ports that are exposed by this service."),
            Columns.age(),
            Columns.wide(
                    "Selector",
                    "string",
                    "Route service traffic to pods with label keys and values" + " matching this selector."));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<Service> objectType() {
        return Service.class;
    }

    @Override
    public List<Object> cells(Service svc, Instant now) {
        ServiceSpec spec = svc.getSpec() == null ? new ServiceSpec() : svc.getSpec();
        String ports = ports(spec.getPorts());
        return List.of(
                Columns.str(svc.getMetadata().getName()),
                type(spec),
                clusterIp(spec),
                externalIp(svc, spec),
                ports.isEmpty() ? "<none>" : ports,
                Times.since(svc.getMetadata().getCreationTimestamp(), now),
                LabelText.labels(spec.getSelector()));
    }

    private static String type(ServiceSpec spec) {
        return spec.getType() == null || spec.getType().isEmpty() ? "ClusterIP" : spec.getType();
    }

    private static String clusterIp(ServiceSpec spec) {
        if (spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty()) {
            return spec.getClusterIPs().get(0);
        }
        return Cells.orNone(spec.getClusterIP());
    }

    private static String externalIp(Service svc, ServiceSpec spec) {
        List<String> external = spec.getExternalIPs() == null ? List.of() : spec.getExternalIPs();
        switch (type(spec)) {
            case "ClusterIP", "NodePort" -> {
                return external.isEmpty() ? "<none>" : String.join(",", external);
            }
            case "LoadBalancer" -> {
                List<String> all = new ArrayList<>(loadBalancerAddresses(svc));
                all.addAll(external);
                return all.isEmpty() ? "<pending>" : String.join(",", all);
            }
            case "ExternalName" -> {
                return Columns.str(spec.getExternalName());
            }
            default -> {
                return "<unknown>";
            }
        }
    }

    /** Each ingress point's IP, else its hostname, deduplicated and sorted. */
    private static TreeSet<String> loadBalancerAddresses(Service svc) {
        TreeSet<String> addresses = new TreeSet<>();
        if (svc.getStatus() == null
                || svc.getStatus().getLoadBalancer() == null
                || svc.getStatus().getLoadBalancer().getIngress() == null) {
            return addresses;
        }
        for (LoadBalancerIngress in : svc.getStatus().getLoadBalancer().getIngress()) {
            if (in.getIp() != null && !in.getIp().isEmpty()) {
                addresses.add(in.getIp());
            } else if (in.getHostname() != null && !in.getHostname().isEmpty()) {
                addresses.add(in.getHostname());
            }
        }
        return addresses;
    }

    static String ports(List<ServicePort> ports) {
        if (ports == null) {
            return "";
        }
        List<String> pieces = new ArrayList<>();
        for (ServicePort p : ports) {
            String protocol = p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP" : p.getProtocol();
            long port = Columns.int64(p.getPort());
            long nodePort = Columns.int64(p.getNodePort());
            pieces.add(nodePort > 0 ? port + ":" + nodePort + "/" + protocol : port + "/" + protocol);
        }
        return String.join(",", pieces);
    }
}
