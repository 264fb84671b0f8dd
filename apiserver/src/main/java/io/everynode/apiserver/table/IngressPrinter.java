package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code kubectl get ingresses}: NAME CLASS HOSTS ADDRESS PORTS AGE. CLASS is ingressClassName or
 * {@code <none>}; HOSTS the rules' hosts (first three, then {@code + N more...} counted over all
 * rules), or {@code *} when none names a host; ADDRESS the load balancer's IPs or hostnames,
 * sorted; PORTS {@code 80}, or {@code 80, 443} with any TLS entry.
 */
final class IngressPrinter implements RowPrinter<Ingress> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of(
                    "Class",
                    "string",
                    "The name of the IngressClass resource that should be used for" + " additional configuration"),
            Columns.of(
                    "Hosts", "string", "Hosts that incoming requests are matched against before the ingress" + " rule"),
            Columns.of("Address", "string", "Address is a list containing ingress points for the load-balancer"),
            Columns.of("Ports", "string", "Ports of TLS configurations that open"),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<Ingress> objectType() {
        return Ingress.class;
    }

    @Override
    public List<Object> cells(Ingress ing, Instant now) {
        IngressSpec spec = ing.getSpec() == null ? new IngressSpec() : ing.getSpec();
        boolean tls = spec.getTls() != null && !spec.getTls().isEmpty();
        return List.of(
                Columns.str(ing.getMetadata().getName()),
                spec.getIngressClassName() == null ? "<none>" : spec.getIngressClassName(),
                hosts(spec.getRules()),
                String.join(",", addresses(ing)),
                tls ? "80, 443" : "80",
                Times.since(ing.getMetadata().getCreationTimestamp(), now));
    }

    private static String hosts(List<IngressRule> rules) {
        if (rules == null) {
            return "*";
        }
        List<String> hosts = new ArrayList<>();
        boolean more = false;
        for (IngressRule rule : rules) {
            if (hosts.size() == Cells.LIST_MAX) {
                more = true;
            }
            if (!more && rule.getHost() != null && !rule.getHost().isEmpty()) {
                hosts.add(rule.getHost());
            }
        }
        if (hosts.isEmpty()) {
            return "*";
        }
        String shown = String.join(",", hosts);
        return more ? shown + " + " + (rules.size() - Cells.LIST_MAX) + " more..." : shown;
    }

    private static TreeSet<String> addresses(Ingress ing) {
        TreeSet<String> result = new TreeSet<>();
        if (ing.getStatus() == null
                || ing.getStatus().getLoadBalancer() == null
                || ing.getStatus().getLoadBalancer().getIngress() == null) {
            return result;
        }
        for (IngressLoadBalancerIngress in : ing.getStatus().getLoadBalancer().getIngress()) {
            if (in.getIp() != null && !in.getIp().isEmpty()) {
                result.add(in.getIp());
            } else if (in.getHostname() != null && !in.getHostname().isEmpty()) {
                result.add(in.getHostname());
            }
        }
        return result;
    }
}
