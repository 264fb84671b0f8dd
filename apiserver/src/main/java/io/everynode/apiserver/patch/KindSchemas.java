package io.everynode.apiserver.patch;

import static io.everynode.apiserver.patch.TypeSchema.type;

import java.util.Map;

/**
 * The strategic-merge table for the kinds Everynode serves, transcribed from the
 * {@code patchStrategy}/{@code patchMergeKey} tags of the upstream core/v1, apps/v1 types
 * (kubectl-contract.md §1.7). Only fields that change how a patch merges are listed; an
 * undeclared list is atomic and an undeclared map merges key by key.
 *
 * <p>{@code volumes} and {@code resourceClaims} carry upstream's {@code retainKeys} strategy;
 * the merger honours a {@code $retainKeys} directive wherever a patch puts one, so the table
 * needs no flag for it.
 */
final class KindSchemas {

    private KindSchemas() {}

    static final TypeSchema OBJECT_META = type().keyed("ownerReferences", "uid")
            .set("finalizers")
            .atomic("managedFields")
            .build();

    /** Container, and the same fields of initContainers and ephemeralContainers. */
    static final TypeSchema CONTAINER = type().keyed("env", "name")
            .atomic("envFrom")
            .keyed("ports", "containerPort")
            .keyed("volumeMounts", "mountPath")
            .keyed("volumeDevices", "devicePath")
            .keyed("resizePolicy", "resourceName")
            .build();

    static final TypeSchema POD_SPEC = type().keyed("containers", "name", CONTAINER)
            .keyed("initContainers", "name", CONTAINER)
            .keyed("ephemeralContainers", "name", CONTAINER)
            .keyed("volumes", "name")
            .keyed("imagePullSecrets", "name")
            .keyed("hostAliases", "ip")
            .keyed("topologySpreadConstraints", "topologyKey")
            .keyed("schedulingGates", "name")
            .keyed("resourceClaims", "name")
            .atomic("tolerations")
            .atomic("readinessGates")
            .build();

    static final TypeSchema POD_STATUS = type().keyed("conditions", "type")
            .keyed("podIPs", "ip")
            .keyed("hostIPs", "ip")
            .atomic("containerStatuses")
            .atomic("initContainerStatuses")
            .atomic("ephemeralContainerStatuses")
            .build();

    static final TypeSchema POD_TEMPLATE_SPEC =
            type().map("metadata", OBJECT_META).map("spec", POD_SPEC).build();

    static final TypeSchema POD = type().map("metadata", OBJECT_META)
            .map("spec", POD_SPEC)
            .map("status", POD_STATUS)
            .build();

    static final TypeSchema DAEMON_SET = type().map("metadata", OBJECT_META)
            .map("spec", type().map("template", POD_TEMPLATE_SPEC).build())
            .map("status", type().keyed("conditions", "type").build())
            .build();

    static final TypeSchema NODE = type().map("metadata", OBJECT_META)
            .map("spec", type().atomic("taints").set("podCIDRs").build())
            .map(
                    "status",
                    type().keyed("conditions", "type")
                            .keyed("addresses", "type")
                            .atomic("images")
                            .build())
            .build();

    static final TypeSchema NAMESPACE = type().map("metadata", OBJECT_META)
            .map("status", type().keyed("conditions", "type").build())
            .build();

    /** Deployments, ReplicaSets, StatefulSets, Jobs: a pod template under spec, conditions in status. */
    static final TypeSchema WORKLOAD = type().map("metadata", OBJECT_META)
            .map("spec", type().map("template", POD_TEMPLATE_SPEC).build())
            .map("status", type().keyed("conditions", "type").build())
            .build();

    static final TypeSchema CRON_JOB = type().map("metadata", OBJECT_META)
            .map(
                    "spec",
                    type().map(
                                    "jobTemplate",
                                    type().map("metadata", OBJECT_META)
                                            .map(
                                                    "spec",
                                                    type().map("template", POD_TEMPLATE_SPEC)
                                                            .build())
                                            .build())
                            .build())
            .build();

    static final TypeSchema SERVICE = type().map("metadata", OBJECT_META)
            .map("spec", type().keyed("ports", "port").build())
            .map("status", type().keyed("conditions", "type").build())
            .build();

    /** Kinds whose only strategic fields are in their ObjectMeta. */
    static final TypeSchema METADATA_ONLY = type().map("metadata", OBJECT_META).build();

    private static final Map<String, TypeSchema> WITH_OWN_FIELDS = Map.ofEntries(
            Map.entry("Pod", POD),
            Map.entry("DaemonSet", DAEMON_SET),
            Map.entry("Deployment", WORKLOAD),
            Map.entry("ReplicaSet", WORKLOAD),
            Map.entry("StatefulSet", WORKLOAD),
            Map.entry("Job", WORKLOAD),
            Map.entry("CronJob", CRON_JOB),
            Map.entry("Service", SERVICE),
            Map.entry("Node", NODE),
            Map.entry("Namespace", NAMESPACE));

    /**
     * Every built-in kind served: the ones above with their own strategic fields, every other with
     * strategic fields only in its ObjectMeta (ownerReferences by uid, finalizers as a set).
     */
    static final Map<String, TypeSchema> BY_KIND = byKind();

    private static Map<String, TypeSchema> byKind() {
        Map<String, TypeSchema> out = new java.util.HashMap<>();
        for (io.everynode.api.resource.ResourceType t : io.everynode.api.resource.ResourceTypes.all()) {
            out.put(t.kind(), WITH_OWN_FIELDS.getOrDefault(t.kind(), METADATA_ONLY));
        }
        return Map.copyOf(out);
    }

    /**
     * The schema for {@code kind}, or {@link TypeSchema#OPAQUE} for a kind that is not built in
     * (custom resources: upstream refuses strategic merge for them; the merger treats every list
     * as atomic).
     */
    static TypeSchema forKind(String kind) {
        return BY_KIND.getOrDefault(kind, TypeSchema.OPAQUE);
    }
}
