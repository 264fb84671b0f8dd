package io.everynode.apiserver.openapi;

import java.util.List;
import java.util.Map;

/**
 * The fields each type must have, by component name: fields the Kubernetes API reference lists
 * as required and that Everynode's validation (or the kind's own semantics) requires too. fabric8's
 * model classes carry no such marks, so this table is the project's own; {@code kubectl explain}
 * prints {@code -required-} beside them. A type left out simply has no {@code required} list,
 * which never makes a valid manifest fail.
 */
final class RequiredFields {
    private static final String CORE = "io.k8s.api.core.v1.";
    private static final String APPS = "io.k8s.api.apps.v1.";
    private static final String BATCH = "io.k8s.api.batch.v1.";
    private static final String RBAC = "io.k8s.api.rbac.v1.";
    private static final String STORAGE = "io.k8s.api.storage.v1.";
    private static final String NETWORKING = "io.k8s.api.networking.v1.";
    private static final String ADMISSION = "io.k8s.api.admissionregistration.v1.";
    private static final String EXT = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.";

    static final Map<String, List<String>> BY_TYPE = Map.ofEntries(
            Map.entry(SchemaNames.META + "OwnerReference", List.of("apiVersion", "kind", "name", "uid")),
            Map.entry(SchemaNames.META + "LabelSelectorRequirement", List.of("key", "operator")),
            Map.entry(CORE + "PodSpec", List.of("containers")),
            Map.entry(CORE + "Container", List.of("name")),
            Map.entry(CORE + "EphemeralContainer", List.of("name")),
            Map.entry(CORE + "ContainerPort", List.of("containerPort")),
            Map.entry(CORE + "EnvVar", List.of("name")),
            Map.entry(CORE + "VolumeMount", List.of("mountPath", "name")),
            Map.entry(CORE + "VolumeDevice", List.of("devicePath", "name")),
            Map.entry(CORE + "Volume", List.of("name")),
            Map.entry(CORE + "KeyToPath", List.of("key", "path")),
            Map.entry(CORE + "HostPathVolumeSource", List.of("path")),
            Map.entry(CORE + "ConfigMapKeySelector", List.of("key")),
            Map.entry(CORE + "SecretKeySelector", List.of("key")),
            Map.entry(CORE + "ObjectFieldSelector", List.of("fieldPath")),
            Map.entry(CORE + "ResourceFieldSelector", List.of("resource")),
            Map.entry(CORE + "HTTPGetAction", List.of("port")),
            Map.entry(CORE + "HTTPHeader", List.of("name", "value")),
            Map.entry(CORE + "TCPSocketAction", List.of("port")),
            Map.entry(CORE + "GRPCAction", List.of("port")),
            Map.entry(CORE + "NodeSelector", List.of("nodeSelectorTerms")),
            Map.entry(CORE + "NodeSelectorRequirement", List.of("key", "operator")),
            Map.entry(CORE + "PreferredSchedulingTerm", List.of("preference", "weight")),
            Map.entry(CORE + "PodAffinityTerm", List.of("topologyKey")),
            Map.entry(CORE + "WeightedPodAffinityTerm", List.of("podAffinityTerm", "weight")),
            Map.entry(CORE + "TopologySpreadConstraint", List.of("maxSkew", "topologyKey", "whenUnsatisfiable")),
            Map.entry(CORE + "Taint", List.of("effect", "key")),
            Map.entry(CORE + "ServicePort", List.of("port")),
            Map.entry(CORE + "EndpointAddress", List.of("ip")),
            Map.entry(CORE + "EndpointPort", List.of("port")),
            Map.entry(CORE + "LimitRangeSpec", List.of("limits")),
            Map.entry(CORE + "LimitRangeItem", List.of("type")),
            Map.entry(CORE + "Event", List.of("involvedObject", "metadata")),
            Map.entry(APPS + "DaemonSetSpec", List.of("selector", "template")),
            Map.entry(APPS + "DeploymentSpec", List.of("selector", "template")),
            Map.entry(APPS + "ReplicaSetSpec", List.of("selector")),
            Map.entry(APPS + "StatefulSetSpec", List.of("selector", "template")),
            Map.entry(APPS + "ControllerRevision", List.of("revision")),
            Map.entry(BATCH + "JobSpec", List.of("template")),
            Map.entry(BATCH + "CronJobSpec", List.of("jobTemplate", "schedule")),
            Map.entry("io.k8s.api.discovery.v1.EndpointSlice", List.of("addressType", "endpoints")),
            Map.entry("io.k8s.api.discovery.v1.Endpoint", List.of("addresses")),
            Map.entry(RBAC + "PolicyRule", List.of("verbs")),
            Map.entry(RBAC + "RoleRef", List.of("apiGroup", "kind", "name")),
            Map.entry(RBAC + "Subject", List.of("kind", "name")),
            Map.entry(RBAC + "RoleBinding", List.of("roleRef")),
            Map.entry(RBAC + "ClusterRoleBinding", List.of("roleRef")),
            Map.entry(NETWORKING + "HTTPIngressRuleValue", List.of("paths")),
            Map.entry(NETWORKING + "HTTPIngressPath", List.of("backend", "pathType")),
            Map.entry(NETWORKING + "IngressServiceBackend", List.of("name")),
            Map.entry(STORAGE + "StorageClass", List.of("provisioner")),
            Map.entry(STORAGE + "CSIDriver", List.of("spec")),
            Map.entry(STORAGE + "CSINode", List.of("spec")),
            Map.entry(STORAGE + "CSINodeSpec", List.of("drivers")),
            Map.entry(STORAGE + "CSINodeDriver", List.of("name", "nodeID")),
            Map.entry("io.k8s.api.scheduling.v1.PriorityClass", List.of("value")),
            Map.entry("io.k8s.api.node.v1.RuntimeClass", List.of("handler")),
            Map.entry(
                    ADMISSION + "ValidatingWebhook",
                    List.of("admissionReviewVersions", "clientConfig", "name", "sideEffects")),
            Map.entry(
                    ADMISSION + "MutatingWebhook",
                    List.of("admissionReviewVersions", "clientConfig", "name", "sideEffects")),
            Map.entry(ADMISSION + "ServiceReference", List.of("name", "namespace")),
            Map.entry(EXT + "CustomResourceDefinition", List.of("spec")),
            Map.entry(EXT + "CustomResourceDefinitionSpec", List.of("group", "names", "scope", "versions")),
            Map.entry(EXT + "CustomResourceDefinitionNames", List.of("kind", "plural")),
            Map.entry(EXT + "CustomResourceDefinitionVersion", List.of("name", "served", "storage")),
            Map.entry(EXT + "CustomResourceColumnDefinition", List.of("jsonPath", "name", "type")),
            Map.entry("io.k8s.api.certificates.v1.CertificateSigningRequest", List.of("spec")),
            Map.entry("io.k8s.api.certificates.v1.CertificateSigningRequestSpec", List.of("request", "signerName")),
            Map.entry("io.k8s.api.certificates.v1.CertificateSigningRequestCondition", List.of("status", "type")));

    private RequiredFields() {}

    static List<String> of(String component) {
        return BY_TYPE.getOrDefault(component, List.of());
    }
}
