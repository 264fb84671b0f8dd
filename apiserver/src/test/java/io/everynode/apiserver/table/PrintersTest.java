package io.everynode.apiserver.table;

import static io.everynode.apiserver.table.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrintersTest {

    @ParameterizedTest(name = "{0} prints {1}")
    @CsvSource({
        "pods, io.fabric8.kubernetes.api.model.Pod",
        "daemonsets, io.fabric8.kubernetes.api.model.apps.DaemonSet",
        "nodes, io.fabric8.kubernetes.api.model.Node",
        "events, io.fabric8.kubernetes.api.model.Event",
        "controllerrevisions, io.fabric8.kubernetes.api.model.apps.ControllerRevision",
        "priorityclasses, io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass",
        "namespaces, io.fabric8.kubernetes.api.model.Namespace",
        "leases, io.fabric8.kubernetes.api.model.coordination.v1.Lease",
        "configmaps, io.fabric8.kubernetes.api.model.ConfigMap",
        "secrets, io.fabric8.kubernetes.api.model.Secret",
        "serviceaccounts, io.fabric8.kubernetes.api.model.ServiceAccount",
        "services, io.fabric8.kubernetes.api.model.Service",
        "endpoints, io.fabric8.kubernetes.api.model.Endpoints",
        "resourcequotas, io.fabric8.kubernetes.api.model.ResourceQuota",
        "persistentvolumeclaims, io.fabric8.kubernetes.api.model.PersistentVolumeClaim",
        "persistentvolumes, io.fabric8.kubernetes.api.model.PersistentVolume",
        "deployments, io.fabric8.kubernetes.api.model.apps.Deployment",
        "replicasets, io.fabric8.kubernetes.api.model.apps.ReplicaSet",
        "statefulsets, io.fabric8.kubernetes.api.model.apps.StatefulSet",
        "jobs, io.fabric8.kubernetes.api.model.batch.v1.Job",
        "cronjobs, io.fabric8.kubernetes.api.model.batch.v1.CronJob",
        "endpointslices, io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice",
        "rolebindings, io.fabric8.kubernetes.api.model.rbac.RoleBinding",
        "clusterrolebindings, io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding",
        "networkpolicies, io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy",
        "ingresses, io.fabric8.kubernetes.api.model.networking.v1.Ingress",
        "ingressclasses, io.fabric8.kubernetes.api.model.networking.v1.IngressClass",
        "ipaddresses, io.fabric8.kubernetes.api.model.networking.v1.IPAddress",
        "storageclasses, io.fabric8.kubernetes.api.model.storage.StorageClass",
        "csidrivers, io.fabric8.kubernetes.api.model.storage.CSIDriver",
        "csinodes, io.fabric8.kubernetes.api.model.storage.CSINode",
        "poddisruptionbudgets, io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget",
        "validatingwebhookconfigurations,"
                + " io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration",
        "mutatingwebhookconfigurations,"
                + " io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration",
        "runtimeclasses, io.fabric8.kubernetes.api.model.node.v1.RuntimeClass",
        "certificatesigningrequests, io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest",
    })
    void everyKnownResourceHasAPrinterWhoseRowMatchesItsColumns(String resource, Class<?> type) throws Exception {
        RowPrinter<?> printer = Printers.forResource(resource).orElseThrow();
        assertThat(printer.objectType()).isEqualTo(type);

        // A bare object (name only) must still print one cell per column.
        Object bare = type.getConstructor().newInstance();
        type.getMethod("setMetadata", io.fabric8.kubernetes.api.model.ObjectMeta.class)
                .invoke(bare, new ObjectMetaBuilder().withName("x").build());
        assertThat(printer.cellsOf(bare, NOW)).hasSameSizeAs(printer.columns());
    }

    @ParameterizedTest(name = "{0} has no printer of its own")
    @CsvSource({"roles", "clusterroles", "limitranges", "customresourcedefinitions", "pod"})
    void kindsUpstreamPrintsWithItsDefaultConvertorHaveNoPrinter(String resource) {
        assertThat(Printers.forResource(resource)).isEmpty();
    }

    @Test
    void printingTheWrongTypeIsRejected() {
        RowPrinter<?> pods = Printers.forResource("pods").orElseThrow();
        assertThatThrownBy(() -> pods.cellsOf(new ConfigMap(), NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
