package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point: the server-side Table printers kube-apiserver registers, by resource
 * (kubectl-contract.md §1.4, daemonset-rules.md §7). Printers are stateless and pure: the
 * caller passes {@code now}; it wraps columns and cells into the {@code meta.k8s.io/v1} Table.
 */
public final class Printers {
    private Printers() {}

    /**
     * Keyed by lowercase plural resource name; immutable, so safe to share. Kinds upstream prints
     * with its default convertor (Role, ClusterRole, LimitRange, CustomResourceDefinition) are
     * absent on purpose: {@link #generic()} prints them, NAME and CREATED AT.
     */
    private static final Map<String, RowPrinter<?>> BY_RESOURCE = Map.ofEntries(
            Map.entry("pods", new PodPrinter()),
            Map.entry("daemonsets", new DaemonSetPrinter()),
            Map.entry("nodes", new NodePrinter()),
            Map.entry("events", new EventPrinter()),
            Map.entry("controllerrevisions", new ControllerRevisionPrinter()),
            Map.entry("priorityclasses", new PriorityClassPrinter()),
            Map.entry("namespaces", new NamespacePrinter()),
            Map.entry("leases", new LeasePrinter()),
            Map.entry("configmaps", new ConfigMapPrinter()),
            Map.entry("secrets", new SecretPrinter()),
            Map.entry("serviceaccounts", new ServiceAccountPrinter()),
            Map.entry("services", new ServicePrinter()),
            Map.entry("endpoints", new EndpointsPrinter()),
            Map.entry("resourcequotas", new ResourceQuotaPrinter()),
            Map.entry("persistentvolumeclaims", new PersistentVolumeClaimPrinter()),
            Map.entry("persistentvolumes", new PersistentVolumePrinter()),
            Map.entry("deployments", new DeploymentPrinter()),
            Map.entry("replicasets", new ReplicaSetPrinter()),
            Map.entry("statefulsets", new StatefulSetPrinter()),
            Map.entry("jobs", new JobPrinter()),
            Map.entry("cronjobs", new CronJobPrinter()),
            Map.entry("endpointslices", new EndpointSlicePrinter()),
            Map.entry("rolebindings", new RoleBindingPrinter()),
            Map.entry("clusterrolebindings", new ClusterRoleBindingPrinter()),
            Map.entry("networkpolicies", new NetworkPolicyPrinter()),
            Map.entry("ingresses", new IngressPrinter()),
            Map.entry("ingressclasses", new IngressClassPrinter()),
            Map.entry("ipaddresses", new IpAddressPrinter()),
            Map.entry("storageclasses", new StorageClassPrinter()),
            Map.entry("csidrivers", new CsiDriverPrinter()),
            Map.entry("csinodes", new CsiNodePrinter()),
            Map.entry("poddisruptionbudgets", new PodDisruptionBudgetPrinter()),
            Map.entry(
                    "validatingwebhookconfigurations",
                    new WebhookConfigurationPrinter<>(
                            ValidatingWebhookConfiguration.class, ValidatingWebhookConfiguration::getWebhooks)),
            Map.entry(
                    "mutatingwebhookconfigurations",
                    new WebhookConfigurationPrinter<>(
                            MutatingWebhookConfiguration.class, MutatingWebhookConfiguration::getWebhooks)),
            Map.entry("runtimeclasses", new RuntimeClassPrinter()),
            Map.entry("certificatesigningrequests", new CertificateSigningRequestPrinter()));

    /** Printers of resources whose plural another group also serves, by "resource.group". */
    private static final Map<String, RowPrinter<?>> BY_QUALIFIED =
            Map.of("daemonsets.apps.kruise.io", new AdvancedDaemonSetPrinter());

    private static final RowPrinter<HasMetadata> GENERIC = new GenericPrinter();

    /**
     * The printer for a resource such as {@code "pods"} or {@code "daemonsets"}; empty when
     * upstream has none, in which case {@link #generic()} applies. {@code "events"} means core v1
     * Events ({@code io.fabric8.kubernetes.api.model.Event}).
     */
    public static Optional<RowPrinter<?>> forResource(String resource) {
        return Optional.ofNullable(BY_RESOURCE.get(resource));
    }

    /**
     * The printer for a resource of a group: the group's own when its plural is shared
     * ({@code daemonsets.apps.kruise.io}), else {@link #forResource}.
     */
    public static Optional<RowPrinter<?>> forResource(String group, String resource) {
        RowPrinter<?> qualified = BY_QUALIFIED.get(resource + "." + group);
        return qualified != null ? Optional.of(qualified) : forResource(resource);
    }

    /** The default convertor: Name and Created At, as kube-apiserver does for unprinted kinds. */
    public static RowPrinter<HasMetadata> generic() {
        return GENERIC;
    }
}
