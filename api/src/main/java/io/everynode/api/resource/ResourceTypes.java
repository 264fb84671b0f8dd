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
            List.of("status", "binding", "eviction", "log", "exec", "attach", "portforward"),
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

    public static final ResourceType CONFIG_MAPS = new ResourceType(
            "",
            "v1",
            "configmaps",
            "configmap",
            "ConfigMap",
            true,
            List.of("cm"),
            List.of(),
            ALL_VERBS,
            List.of(),
            META,
            io.fabric8.kubernetes.api.model.ConfigMap.class);
    public static final ResourceType SECRETS = new ResourceType(
            "",
            "v1",
            "secrets",
            "secret",
            "Secret",
            true,
            List.of(),
            List.of(),
            ALL_VERBS,
            List.of(),
            Set.of("metadata.name", "metadata.namespace", "type"),
            io.fabric8.kubernetes.api.model.Secret.class);
    public static final ResourceType SERVICE_ACCOUNTS = new ResourceType(
            "",
            "v1",
            "serviceaccounts",
            "serviceaccount",
            "ServiceAccount",
            true,
            List.of("sa"),
            List.of(),
            ALL_VERBS,
            List.of("token"),
            META,
            io.fabric8.kubernetes.api.model.ServiceAccount.class);
    public static final ResourceType SERVICES = new ResourceType(
            "",
            "v1",
            "services",
            "service",
            "Service",
            true,
            List.of("svc"),
            List.of("all"),
            ALL_VERBS,
            List.of("status"),
            META,
            io.fabric8.kubernetes.api.model.Service.class);
    public static final ResourceType ENDPOINTS = new ResourceType(
            "",
            "v1",
            "endpoints",
            "endpoints",
            "Endpoints",
            true,
            List.of("ep"),
            List.of(),
            ALL_VERBS,
            List.of(),
            META,
            io.fabric8.kubernetes.api.model.Endpoints.class);
    public static final ResourceType RESOURCE_QUOTAS = new ResourceType(
            "",
            "v1",
            "resourcequotas",
            "resourcequota",
            "ResourceQuota",
            true,
            List.of("quota"),
            List.of(),
            ALL_VERBS,
            List.of("status"),
            META,
            io.fabric8.kubernetes.api.model.ResourceQuota.class);
    public static final ResourceType LIMIT_RANGES = new ResourceType(
            "",
            "v1",
            "limitranges",
            "limitrange",
            "LimitRange",
            true,
            List.of("limits"),
            List.of(),
            ALL_VERBS,
            List.of(),
            META,
            io.fabric8.kubernetes.api.model.LimitRange.class);
    public static final ResourceType PERSISTENT_VOLUME_CLAIMS = new ResourceType(
            "",
            "v1",
            "persistentvolumeclaims",
            "persistentvolumeclaim",
            "PersistentVolumeClaim",
            true,
            List.of("pvc"),
            List.of(),
            ALL_VERBS,
            List.of("status"),
            META,
            io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class);
    public static final ResourceType PERSISTENT_VOLUMES = new ResourceType(
            "",
            "v1",
            "persistentvolumes",
            "persistentvolume",
            "PersistentVolume",
            false,
            List.of("pv"),
            List.of(),
            ALL_VERBS,
            List.of("status"),
            Set.of("metadata.name"),
            io.fabric8.kubernetes.api.model.PersistentVolume.class);
    public static final ResourceType DEPLOYMENTS = new ResourceType(
            "apps",
            "v1",
            "deployments",
            "deployment",
            "Deployment",
            true,
            List.of("deploy"),
            List.of("all"),
            ALL_VERBS,
            List.of("status", "scale"),
            META,
            io.fabric8.kubernetes.api.model.apps.Deployment.class);
    public static final ResourceType REPLICA_SETS = new ResourceType(
            "apps",
            "v1",
            "replicasets",
            "replicaset",
            "ReplicaSet",
            true,
            List.of("rs"),
            List.of("all"),
            ALL_VERBS,
            List.of("status", "scale"),
            META,
            io.fabric8.kubernetes.api.model.apps.ReplicaSet.class);
    public static final ResourceType STATEFUL_SETS = new ResourceType(
            "apps",
            "v1",
            "statefulsets",
            "statefulset",
            "StatefulSet",
            true,
            List.of("sts"),
            List.of("all"),
            ALL_VERBS,
            List.of("status", "scale"),
            META,
            io.fabric8.kubernetes.api.model.apps.StatefulSet.class);
    public static final ResourceType JOBS = new ResourceType(
            "batch",
            "v1",
            "jobs",
            "job",
            "Job",
            true,
            List.of(),
            List.of("all"),
            ALL_VERBS,
            List.of("status"),
            META,
            io.fabric8.kubernetes.api.model.batch.v1.Job.class);
    public static final ResourceType CRON_JOBS = new ResourceType(
            "batch",
            "v1",
            "cronjobs",
            "cronjob",
            "CronJob",
            true,
            List.of("cj"),
            List.of("all"),
            ALL_VERBS,
            List.of("status"),
            META,
            io.fabric8.kubernetes.api.model.batch.v1.CronJob.class);
    public static final ResourceType ENDPOINT_SLICES = new ResourceType(
            "discovery.k8s.io",
            "v1",
            "endpointslices",
            "endpointslice",
            "EndpointSlice",
            true,
            List.of(),
            List.of(),
            ALL_VERBS,
            List.of(),
            META,
            io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice.class);
    public static final ResourceType ROLES = new ResourceType(
            "rbac.authorization.k8s.io",
            "v1",
            "roles",
            "role",
            "Role",
            true,
            List.of(),
            List.of(),
            ALL_VERBS,
            List.of(),
            META,
            io.fabric8.kubernetes.api.model.rbac.Role.class);
    public static final ResourceType CLUSTER_ROLES = new ResourceType(
            "rbac.authorization.k8s.io",
            "v1",
            "clusterroles",
            "clusterrole",
            "ClusterRole",
            false,
            List.of(),
            List.of(),
            ALL_VERBS,
            List.of(),
            Set.of("metadata.name"),
            io.fabric8.kubernetes.api.model.rbac.ClusterRole.class);
    public static final ResourceType ROLE_BINDINGS = new ResourceType(
            "rbac.authorization.k8s.io",
            "v1",
            "rolebindings",
            "rolebinding",
            "RoleBinding",
            true,
            List.of(),
            List.of(),
            ALL_VERBS,
            List.of(),
            META,
            io.fabric8.kubernetes.api.model.rbac.RoleBinding.class);
    public static final ResourceType CLUSTER_ROLE_BINDINGS = new ResourceType(
            "rbac.authorization.k8s.io",
            "v1",
            "clusterrolebindings",
            "clusterrolebinding",
            "ClusterRoleBinding",
            false,
            List.of(),
            List.of(),
            ALL_VERBS,
            List.of(),
            Set.of("metadata.name"),
            io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class);
    /** The access reviews (authorization.k8s.io/v1): create-only, answered and never stored. */
    public static final ResourceType SUBJECT_ACCESS_REVIEWS = review(
            "subjectaccessreviews",
            "SubjectAccessReview",
            false,
            io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview.class);

    public static final ResourceType SELF_SUBJECT_ACCESS_REVIEWS = review(
            "selfsubjectaccessreviews",
            "SelfSubjectAccessReview",
            false,
            io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview.class);
    public static final ResourceType LOCAL_SUBJECT_ACCESS_REVIEWS = review(
            "localsubjectaccessreviews",
            "LocalSubjectAccessReview",
            true,
            io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReview.class);
    public static final ResourceType SELF_SUBJECT_RULES_REVIEWS = review(
            "selfsubjectrulesreviews",
            "SelfSubjectRulesReview",
            false,
            io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview.class);
    public static final ResourceType NETWORK_POLICIES = new ResourceType(
            "networking.k8s.io",
            "v1",
            "networkpolicies",
            "networkpolicy",
            "NetworkPolicy",
            true,
            List.of("netpol"),
            List.of(),
            ALL_VERBS,
            List.of(),
            META,
            io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class);
    public static final ResourceType INGRESSES = new ResourceType(
            "networking.k8s.io",
            "v1",
            "ingresses",
            "ingress",
            "Ingress",
            true,
            List.of("ing"),
            List.of(),
            ALL_VERBS,
            List.of("status"),
            META,
            io.fabric8.kubernetes.api.model.networking.v1.Ingress.class);
    /**
     * networking.k8s.io/v1 IPAddress (KEP-1880): one per allocated Service clusterIP, named by
     * the address, written by the API server's allocator before the Service is stored.
     */
    public static final ResourceType IP_ADDRESSES = new ResourceType(
            "networking.k8s.io",
            "v1",
            "ipaddresses",
            "ipaddress",
            "IPAddress",
            false,
            List.of("ip"),
            List.of(),
            ALL_VERBS,
            List.of(),
            Set.of("metadata.name"),
            io.fabric8.kubernetes.api.model.networking.v1.IPAddress.class);

    public static final ResourceType INGRESS_CLASSES = new ResourceType(
            "networking.k8s.io",
            "v1",
            "ingressclasses",
            "ingressclass",
            "IngressClass",
            false,
            List.of(),
            List.of(),
            ALL_VERBS,
            List.of(),
            Set.of("metadata.name"),
            io.fabric8.kubernetes.api.model.networking.v1.IngressClass.class);
    public static final ResourceType STORAGE_CLASSES = new ResourceType(
            "storage.k8s.io",
            "v1",
            "storageclasses",
            "storageclass",
            "StorageClass",
            false,
            List.of("sc"),
            List.of(),
            ALL_VERBS,
            List.of(),
            Set.of("metadata.name"),
            io.fabric8.kubernetes.api.model.storage.StorageClass.class);
    public static final ResourceType CSI_DRIVERS = new ResourceType(
            "storage.k8s.io",
            "v1",
            "csidrivers",
            "csidriver",
            "CSIDriver",
            false,
            List.of(),
            List.of(),
            ALL_VERBS,
            List.of(),
            Set.of("metadata.name"),
            io.fabric8.kubernetes.api.model.storage.CSIDriver.class);
    public static final ResourceType CSI_NODES = new ResourceType(
            "storage.k8s.io",
            "v1",
            "csinodes",
            "csinode",
            "CSINode",
            false,
            List.of(),
            List.of(),
            ALL_VERBS,
            List.of(),
            Set.of("metadata.name"),
            io.fabric8.kubernetes.api.model.storage.CSINode.class);
    public static final ResourceType POD_DISRUPTION_BUDGETS = new ResourceType(
            "policy",
            "v1",
            "poddisruptionbudgets",
            "poddisruptionbudget",
            "PodDisruptionBudget",
            true,
            List.of("pdb"),
            List.of(),
            ALL_VERBS,
            List.of("status"),
            META,
            io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class);
    public static final ResourceType VALIDATING_WEBHOOK_CONFIGURATIONS = new ResourceType(
            "admissionregistration.k8s.io",
            "v1",
            "validatingwebhookconfigurations",
            "validatingwebhookconfiguration",
            "ValidatingWebhookConfiguration",
            false,
            List.of(),
            List.of("api-extensions"),
            ALL_VERBS,
            List.of(),
            Set.of("metadata.name"),
            io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration.class);
    public static final ResourceType MUTATING_WEBHOOK_CONFIGURATIONS = new ResourceType(
            "admissionregistration.k8s.io",
            "v1",
            "mutatingwebhookconfigurations",
            "mutatingwebhookconfiguration",
            "MutatingWebhookConfiguration",
            false,
            List.of(),
            List.of("api-extensions"),
            ALL_VERBS,
            List.of(),
            Set.of("metadata.name"),
            io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration.class);
    public static final ResourceType RUNTIME_CLASSES = new ResourceType(
            "node.k8s.io",
            "v1",
            "runtimeclasses",
            "runtimeclass",
            "RuntimeClass",
            false,
            List.of(),
            List.of(),
            ALL_VERBS,
            List.of(),
            Set.of("metadata.name"),
            io.fabric8.kubernetes.api.model.node.v1.RuntimeClass.class);
    public static final ResourceType CUSTOM_RESOURCE_DEFINITIONS = new ResourceType(
            "apiextensions.k8s.io",
            "v1",
            "customresourcedefinitions",
            "customresourcedefinition",
            "CustomResourceDefinition",
            false,
            List.of("crd", "crds"),
            List.of("api-extensions"),
            ALL_VERBS,
            List.of("status"),
            Set.of("metadata.name"),
            io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class);
    public static final ResourceType CERTIFICATE_SIGNING_REQUESTS = new ResourceType(
            "certificates.k8s.io",
            "v1",
            "certificatesigningrequests",
            "certificatesigningrequest",
            "CertificateSigningRequest",
            false,
            List.of("csr"),
            List.of(),
            ALL_VERBS,
            List.of("approval", "status"),
            Set.of("metadata.name", "spec.signerName"),
            io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest.class);
    /**
     * OpenKruise's Advanced DaemonSet, served natively (E7.x, docs/advanced-daemonset.md): a CRD
     * upstream, so its short names are the CRD's ({@code daemon}, {@code ads}; {@code ds} stays
     * apps/v1's) and it comes after every Kubernetes group in discovery, where kubectl's plain
     * {@code daemonsets} still means apps/v1.
     */
    public static final ResourceType ADVANCED_DAEMONSETS = new ResourceType(
            io.everynode.api.kruise.AdvancedDaemonSet.GROUP,
            io.everynode.api.kruise.AdvancedDaemonSet.VERSION,
            "daemonsets",
            "daemonset",
            "DaemonSet",
            true,
            List.of("daemon", "ads"),
            List.of(),
            ALL_VERBS,
            List.of("status"),
            META,
            io.everynode.api.kruise.AdvancedDaemonSet.class);
    // authentication.k8s.io: create-only reviews, answered and never stored (docs/security.md)
    public static final ResourceType SELF_SUBJECT_REVIEWS = new ResourceType(
            "authentication.k8s.io",
            "v1",
            "selfsubjectreviews",
            "selfsubjectreview",
            "SelfSubjectReview",
            false,
            List.of(),
            List.of(),
            ResourceType.CREATE_ONLY,
            List.of(),
            Set.of(),
            io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview.class);
    public static final ResourceType TOKEN_REVIEWS = new ResourceType(
            "authentication.k8s.io",
            "v1",
            "tokenreviews",
            "tokenreview",
            "TokenReview",
            false,
            List.of(),
            List.of(),
            ResourceType.CREATE_ONLY,
            List.of(),
            Set.of(),
            io.fabric8.kubernetes.api.model.authentication.TokenReview.class);

    private static final List<ResourceType> ALL = List.of(
            NAMESPACES,
            NODES,
            PODS,
            EVENTS,
            CONFIG_MAPS,
            SECRETS,
            SERVICE_ACCOUNTS,
            SERVICES,
            ENDPOINTS,
            RESOURCE_QUOTAS,
            LIMIT_RANGES,
            PERSISTENT_VOLUME_CLAIMS,
            PERSISTENT_VOLUMES,
            DAEMONSETS,
            CONTROLLER_REVISIONS,
            DEPLOYMENTS,
            REPLICA_SETS,
            STATEFUL_SETS,
            JOBS,
            CRON_JOBS,
            ENDPOINT_SLICES,
            ROLES,
            CLUSTER_ROLES,
            ROLE_BINDINGS,
            CLUSTER_ROLE_BINDINGS,
            SUBJECT_ACCESS_REVIEWS,
            SELF_SUBJECT_ACCESS_REVIEWS,
            LOCAL_SUBJECT_ACCESS_REVIEWS,
            SELF_SUBJECT_RULES_REVIEWS,
            NETWORK_POLICIES,
            INGRESSES,
            INGRESS_CLASSES,
            IP_ADDRESSES,
            STORAGE_CLASSES,
            CSI_DRIVERS,
            CSI_NODES,
            POD_DISRUPTION_BUDGETS,
            PRIORITY_CLASSES,
            LEASES,
            VALIDATING_WEBHOOK_CONFIGURATIONS,
            MUTATING_WEBHOOK_CONFIGURATIONS,
            RUNTIME_CLASSES,
            CUSTOM_RESOURCE_DEFINITIONS,
            CERTIFICATE_SIGNING_REQUESTS,
            ADVANCED_DAEMONSETS,
            SELF_SUBJECT_REVIEWS,
            TOKEN_REVIEWS);
    private static final Map<String, ResourceType> BY_PATH = new LinkedHashMap<>();

    static {
        for (ResourceType t : ALL) BY_PATH.put(t.apiVersion() + "/" + t.resource(), t);
    }

    private ResourceTypes() {}

    private static ResourceType review(
            String resource,
            String kind,
            boolean namespaced,
            Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> model) {
        return new ResourceType(
                "authorization.k8s.io",
                "v1",
                resource,
                resource.substring(0, resource.length() - 1),
                kind,
                namespaced,
                List.of(),
                List.of(),
                List.of("create"),
                List.of(),
                META,
                model);
    }

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
