package io.everynode.apiserver.openapi;

import java.util.Map;
import java.util.Set;

/**
 * Upstream's component names for fabric8 model classes: {@code io.k8s.api.apps.v1.DaemonSet} for
 * {@code io.fabric8.kubernetes.api.model.apps.DaemonSet}. fabric8 keeps the meta/v1 types in its
 * core package, so those are named by a list; every other package maps by a prefix table.
 */
final class SchemaNames {
    static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    static final String TIME = META + "Time";
    static final String MICRO_TIME = META + "MicroTime";
    static final String FIELDS_V1 = META + "FieldsV1";
    static final String PATCH = META + "Patch";
    static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";

    private static final String FABRIC8 = "io.fabric8.kubernetes.api.model";

    /** Simple names of fabric8's core-package classes that upstream defines in meta/v1. */
    private static final Set<String> META_TYPES = Set.of(
            "ObjectMeta",
            "ListMeta",
            "LabelSelector",
            "LabelSelectorRequirement",
            "OwnerReference",
            "ManagedFieldsEntry",
            "Condition",
            "DeleteOptions",
            "Preconditions",
            "Status",
            "StatusDetails",
            "StatusCause",
            "WatchEvent");

    /** fabric8 sub-package (after io.fabric8.kubernetes.api.model.) to upstream package. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("", "io.k8s.api.core.v1"),
            Map.entry("apps", "io.k8s.api.apps.v1"),
            Map.entry("batch.v1", "io.k8s.api.batch.v1"),
            Map.entry("coordination.v1", "io.k8s.api.coordination.v1"),
            Map.entry("scheduling.v1", "io.k8s.api.scheduling.v1"),
            Map.entry("discovery.v1", "io.k8s.api.discovery.v1"),
            Map.entry("rbac", "io.k8s.api.rbac.v1"),
            Map.entry("networking.v1", "io.k8s.api.networking.v1"),
            Map.entry("storage", "io.k8s.api.storage.v1"),
            Map.entry("policy.v1", "io.k8s.api.policy.v1"),
            Map.entry("admissionregistration.v1", "io.k8s.api.admissionregistration.v1"),
            Map.entry("node.v1", "io.k8s.api.node.v1"),
            Map.entry("apiextensions.v1", "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1"),
            Map.entry("autoscaling.v1", "io.k8s.api.autoscaling.v1"),
            Map.entry("certificates.v1", "io.k8s.api.certificates.v1"));

    private SchemaNames() {}

    /** OpenKruise's API types, named as a CRD's schemas are: the group reversed, the version. */
    private static final String KRUISE = "io.everynode.api.kruise";

    /** The component name of a fabric8 model class; an unknown package is named after the class. */
    static String of(Class<?> model) {
        String simple = model.getSimpleName();
        String pkg = model.getPackageName();
        if (pkg.equals(KRUISE)) return "io.kruise.apps.v1alpha1." + simple;
        if (pkg.equals(FABRIC8) && META_TYPES.contains(simple)) return META + simple;
        String sub =
                pkg.equals(FABRIC8) ? "" : pkg.startsWith(FABRIC8 + ".") ? pkg.substring(FABRIC8.length() + 1) : null;
        String upstream = sub == null ? null : PACKAGES.get(sub);
        return upstream != null ? upstream + "." + simple : model.getName();
    }
}
