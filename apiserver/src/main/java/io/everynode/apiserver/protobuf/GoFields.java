package io.everynode.apiserver.protobuf;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Set;

/**
 * What the .proto files do not say about the Go structs they were generated from, and JSON needs:
 * which fields Go embeds ({@code json:",inline"}: their fields belong to the parent object), and
 * which scalar fields are Go pointers whose zero is a choice rather than "unset".
 *
 * <p>Go clients write every non-pointer field, zero or not, so a zero on the wire usually means
 * "unset", which JSON ({@code omitempty}) would not carry at all. For the pointer fields below a
 * sent zero is meaningful ({@code replicas: 0}, {@code runAsUser: 0}, {@code automountServiceAccountToken:
 * false}, {@code storageClassName: ""}) and is kept. Names are the JSON names; each means the same
 * in every kind that has it.
 */
final class GoFields {
    private GoFields() {}

    /** Embedded structs, by the full name of the proto field that carries them. */
    private static final Set<String> INLINE = Set.of(
            "k8s.io.api.core.v1.Volume.volumeSource",
            "k8s.io.api.core.v1.PersistentVolumeSpec.persistentVolumeSource",
            "k8s.io.api.core.v1.Probe.handler",
            "k8s.io.api.core.v1.EphemeralContainer.ephemeralContainerCommon",
            "k8s.io.api.core.v1.ConfigMapEnvSource.localObjectReference",
            "k8s.io.api.core.v1.ConfigMapKeySelector.localObjectReference",
            "k8s.io.api.core.v1.ConfigMapProjection.localObjectReference",
            "k8s.io.api.core.v1.ConfigMapVolumeSource.localObjectReference",
            "k8s.io.api.core.v1.SecretEnvSource.localObjectReference",
            "k8s.io.api.core.v1.SecretKeySelector.localObjectReference",
            "k8s.io.api.core.v1.SecretProjection.localObjectReference",
            "k8s.io.api.networking.v1.IngressRule.ingressRuleValue",
            "k8s.io.api.admissionregistration.v1.NamedRuleWithOperations.ruleWithOperations",
            "k8s.io.api.admissionregistration.v1.RuleWithOperations.rule");

    /** String pointer fields whose "" differs from leaving them unset ("no class" rather than the default class). */
    private static final Set<String> MEANINGFUL_EMPTY = Set.of("storageClassName");

    /** Number and boolean pointer fields whose zero value differs from leaving them unset. */
    private static final Set<String> MEANINGFUL_ZERO = Set.of(
            "replicas",
            "automountServiceAccountToken",
            "allowPrivilegeEscalation",
            "privileged",
            "readOnlyRootFilesystem",
            "runAsNonRoot",
            "runAsUser",
            "runAsGroup",
            "fsGroup",
            "enableServiceLinks",
            "hostUsers",
            "shareProcessNamespace",
            "terminationGracePeriodSeconds",
            "activeDeadlineSeconds",
            "revisionHistoryLimit",
            "parallelism",
            "completions",
            "backoffLimit",
            "backoffLimitPerIndex",
            "maxFailedIndexes",
            "ttlSecondsAfterFinished",
            "successfulJobsHistoryLimit",
            "failedJobsHistoryLimit",
            "startingDeadlineSeconds",
            "suspend",
            "manualSelector",
            "defaultMode",
            "mode",
            "optional",
            "immutable",
            "allocateLoadBalancerNodePorts",
            "gracePeriodSeconds",
            "orphanDependents",
            "priority",
            "value",
            // JSON schema bounds of a CRD (apiextensions' JSONSchemaProps): pointers, so 0 is a bound
            "maximum",
            "minimum",
            "maxLength",
            "minLength",
            "maxItems",
            "minItems",
            "multipleOf",
            "maxProperties",
            "minProperties",
            "xKubernetesPreserveUnknownFields");

    private static final String SCHEMA_PROPS =
            "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps";

    /**
     * The JSON name of a field: its proto name, except in a CRD's JSONSchemaProps, whose JSON
     * names are not identifiers ({@code $ref}, {@code $schema}, {@code x-kubernetes-…}).
     */
    static String jsonName(FieldDescriptor field) {
        String name = field.getName();
        if (!field.getContainingType().getFullName().equals(SCHEMA_PROPS)) return name;
        if (name.equals("ref") || name.equals("schema")) return "$" + name;
        if (!name.startsWith("xKubernetes")) return name;
        StringBuilder out = new StringBuilder("x-kubernetes");
        for (char c : name.substring("xKubernetes".length()).toCharArray()) {
            if (Character.isUpperCase(c)) out.append('-').append(Character.toLowerCase(c));
            else out.append(c);
        }
        return out.toString();
    }

    static boolean inline(FieldDescriptor field) {
        return INLINE.contains(field.getFullName());
    }

    /** Whether a singular field holding its type's zero ("", 0, false) was set on purpose. */
    static boolean keepsZero(FieldDescriptor field) {
        if (field.getJavaType() == FieldDescriptor.JavaType.STRING) return MEANINGFUL_EMPTY.contains(field.getName());
        return MEANINGFUL_ZERO.contains(field.getName());
    }

    static boolean isZero(Object value) {
        return (value instanceof String s && s.isEmpty())
                || (value instanceof Number n && n.doubleValue() == 0)
                || Boolean.FALSE.equals(value);
    }
}
