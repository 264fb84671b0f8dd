package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code kubectl get nodes}: NAME STATUS ROLES AGE VERSION; wide INTERNAL-IP EXTERNAL-IP
 * OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME.
 *
 * <p>STATUS: {@code Ready} when the Ready condition is True, {@code NotReady} when it is False
 * or Unknown, {@code Unknown} without one; {@code ,SchedulingDisabled} when unschedulable.
 * ROLES: suffixes of {@code node-role.kubernetes.io/<role>} labels plus the value of a
 * {@code kubernetes.io/role} label, de-duplicated, sorted, or {@code <none>}.
 */
final class NodePrinter implements RowPrinter<Node> {
    static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
    static final String ROLE_LABEL = "kubernetes.io/role";

    private static final String ADDRESSES_DOC = "List of addresses reachable to the node. Queried"
            + " from cloud provider, if available. More info:"
            + " https://kubernetes.io/docs/reference/node/node-status/#addresses";
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Status", "string", "The status of the node"),
            Columns.of("Roles", "string", "The roles of the node"),
            Columns.age(),
            Columns.of("Version", "string", "Kubelet Version reported by the node."),
            Columns.wide("Internal-IP", "string", ADDRESSES_DOC),
            Columns.wide("External-IP", "string", ADDRESSES_DOC),
            Columns.wide(
                    "OS-Image",
                    "string",
                    "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
            Columns.wide(
                    "Kernel-Version",
                    "string",
                    "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
            Columns.wide(
                    "Container-Runtime",
                    "string",
                    "ContainerRuntime Version reported by the node"
                            + " through runtime remote API (e.g. containerd://1.4.2)."));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<Node> objectType() {
        return Node.class;
    }

    @Override
    public List<Object> cells(Node node, Instant now) {
        NodeStatus status = node.getStatus() == null ? new NodeStatus() : node.getStatus();
        NodeSystemInfo info = status.getNodeInfo() == null ? new NodeSystemInfo() : status.getNodeInfo();
        return List.of(
                Columns.str(node.getMetadata().getName()),
                status(node, status),
                roles(node.getMetadata().getLabels()),
                Times.since(node.getMetadata().getCreationTimestamp(), now),
                Columns.str(info.getKubeletVersion()),
                address(status, "InternalIP"),
                address(status, "ExternalIP"),
                orUnknown(info.getOsImage()),
                orUnknown(info.getKernelVersion()),
                orUnknown(info.getContainerRuntimeVersion()));
    }

    private static String status(Node node, NodeStatus status) {
        // Upstream builds a map by type, so the last Ready condition wins.
        NodeCondition ready = null;
        if (status.getConditions() != null) {
            for (NodeCondition c : status.getConditions()) {
                if ("Ready".equals(c.getType())) {
                    ready = c;
                }
            }
        }
        List<String> parts = new ArrayList<>();
        if (ready == null) {
            parts.add("Unknown");
        } else {
            parts.add("True".equals(ready.getStatus()) ? "Ready" : "NotReady");
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            parts.add("SchedulingDisabled");
        }
        return String.join(",", parts);
    }

    static String roles(Map<String, String> labels) {
        TreeSet<String> roles = new TreeSet<>();
        if (labels != null) {
            labels.forEach((k, v) -> {
                if (k.startsWith(ROLE_LABEL_PREFIX)) {
                    String role = k.substring(ROLE_LABEL_PREFIX.length());
                    if (!role.isEmpty()) {
                        roles.add(role);
                    }
                } else if (k.equals(ROLE_LABEL) && v != null && !v.isEmpty()) {
                    roles.add(v);
                }
            });
        }
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    /** The first address of the type, or {@code <none>}. */
    private static String address(NodeStatus status, String type) {
        if (status.getAddresses() != null) {
            for (NodeAddress a : status.getAddresses()) {
                if (type.equals(a.getType())) {
                    return Columns.str(a.getAddress());
                }
            }
        }
        return "<none>";
    }

    private static String orUnknown(String s) {
        return s == null || s.isEmpty() ? "<unknown>" : s;
    }
}
