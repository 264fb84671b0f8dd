package io.everynode.api.resource;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The catalogue of served resources, in discovery order. */
public final class ResourceTypes {
    private static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final Set<String> META = Set.of("metadata.name", "metadata.namespace");

    public static final ResourceType NAMESPACES = new ResourceType(
            "",
            "v1",
            "namespaces",
            "namespace",
            "Namespace",
            false,
            List.of("ns"),
            List.of(),
            List.of("create", "delete", "get", "list", "patch", "update", "watch"),
            List.of("status", "finalize"),
            Set.of("metadata.name", "status.phase"),
            Namespace.class);
    public static final ResourceType NODES = new ResourceType(
            "",
            "v1",
            "nodes",
            "node",
            "Node",
            false,
            List.of("no"),
            List.of(),
            ALL_VERBS,
            List.of("status"),
            Set.of("metadata.name", "spec.unschedulable"),
            Node.class);
    public static final ResourceType PODS = new ResourceType(
            "",
            "v1",
            "pods",
            "pod",
            "Pod",
            true,
            List.of("po"),
            List.of("all"),
            ALL_VERBS,
            List.of("status", "binding", "eviction", "log"),
            Set.of(
                    "metadata.name",
                    "metadata.namespace",
                    "spec.nodeName",
                    "spec.restartPolicy",
                    "spec.schedulerName",
                    "spec.serviceAccountName",
                    "spec.hostNetwork",
                    "status.phase",
                    "status.podIP",
                    "status.podIPs",
                    "status.nominatedNodeName",
                    "spec.host"),
            Pod.class);
    public static final ResourceType EVENTS = new ResourceType(
            "",
            "v1",
            "events",
            "event",
            "Event",
            true,
            List.of("ev"),
            List.of(),
            ALL_VERBS,
            List.of(),
            Set.of(
                    "involvedObject.kind",
                    "involvedObject.namespace",
                    "involvedObject.name",
                    "involvedObject.uid",
                    "involvedObject.apiVersion",
                    "involvedObject.resourceVersion",
                    "involvedObject.fieldPath",
                    "reason",
                    "reportingComponent",
                    "source",
                    "type",
                    "metadata.namespace",
                    "metadata.name"),
            Event.class);
    public static final ResourceType DAEMONSETS = new ResourceType(
            "apps",
            "v1",
            "daemonsets",
            "daemonset",
            "DaemonSet",
            true,
            List.of("ds"),
            List.of("all"),
            ALL_VERBS,
            List.of("status"),
            META,
            DaemonSet.class);
    public static final ResourceType CONTROLLER_REVISIONS = new ResourceType(
            "apps",
            "v1",
            "controllerrevisions",
            "controllerrevision",
            "ControllerRevision",
            true,
            List.of(),
            List.of(),
            ALL_VERBS,
            List.of(),
            META,
            ControllerRevision.class);
    public static final ResourceType PRIORITY_CLASSES = new ResourceType(
            "scheduling.k8s.io",
            "v1",
            "priorityclasses",
            "priorityclass",
            "PriorityClass",
            false,
            List.of("pc"),
            List.of(),
            ALL_VERBS,
            List.of(),
            Set.of("metadata.name"),
            PriorityClass.class);
    public static final ResourceType LEASES = new ResourceType(
            "coordination.k8s.io",
            "v1",
            "leases",
            "lease",
            "Lease",
            true,
            List.of(),
            List.of(),
            ALL_VERBS,
            List.of(),
            META,
            Lease.class);

    private static final List<ResourceType> ALL =
            List.of(NAMESPACES, NODES, PODS, EVENTS, DAEMONSETS, CONTROLLER_REVISIONS, PRIORITY_CLASSES, LEASES);
    private static final Map<String, ResourceType> BY_PATH = new LinkedHashMap<>();

    static {
        for (ResourceType t : ALL) BY_PATH.put(t.apiVersion() + "/" + t.resource(), t);
    }

    private ResourceTypes() {}

    public static List<ResourceType> all() {
        return ALL;
    }

    /** The resource served at {@code apiVersion} ("v1", "apps/v1") under its plural name. */
    public static Optional<ResourceType> find(String apiVersion, String resource) {
        return Optional.ofNullable(BY_PATH.get(apiVersion + "/" + resource));
    }

    /** The resource of a kind, as a manifest names it ({@code apiVersion} + {@code kind}). */
    public static Optional<ResourceType> byKind(String apiVersion, String kind) {
        return ALL.stream()
                .filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind))
                .findFirst();
    }

    /** The group-versions served, in discovery order ("v1" first). */
    public static List<String> groupVersions() {
        return ALL.stream().map(ResourceType::apiVersion).distinct().toList();
    }
}
