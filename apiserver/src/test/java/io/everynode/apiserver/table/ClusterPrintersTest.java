package io.everynode.apiserver.table;

import static io.everynode.apiserver.table.Fixtures.NOW;
import static io.everynode.apiserver.table.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import org.junit.jupiter.api.Test;

/** EndpointSlice, networking, RBAC bindings, storage, PDB, webhook configuration and RuntimeClass rows. */
class ClusterPrintersTest {
    private static final String META = "metadata: {name: x, creationTimestamp: '2024-06-01T11:55:00Z'}\n";

    @Test
    void endpointSliceListsPortsByNumberOrNameAndEveryAddress() {
        EndpointSlice slice = yaml(META + """
                addressType: IPv4
                ports: [{port: 9100}, {name: metrics}, {}]
                endpoints:
                  - addresses: [10.0.0.1]
                  - addresses: [10.0.0.2, 10.0.0.3]
                    conditions: {ready: false}
                  - addresses: [10.0.0.4]
                """, EndpointSlice.class);
        assertThat(new EndpointSlicePrinter().cells(slice, NOW))
                .containsExactly("x", "IPv4", "9100,metrics,*", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...", "5m");
        assertThat(new EndpointSlicePrinter().cells(yaml(META + "addressType: IPv6", EndpointSlice.class), NOW))
                .containsExactly("x", "IPv6", "<unset>", "<unset>", "5m");
    }

    @Test
    void roleBindingShowsKindSlashRoleAndSplitsSubjectsWhenWide() {
        RoleBinding rb = yaml(META + """
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
                subjects:
                  - {kind: User, name: alice}
                  - {kind: ServiceAccount, name: agent, namespace: kube-system}
                  - {kind: Group, name: devs}
                  - {kind: User, name: bob}
                """, RoleBinding.class);
        assertThat(new RoleBindingPrinter().cells(rb, NOW))
                .containsExactly("x", "ClusterRole/view", "5m", "alice, bob", "devs", "kube-system/agent");
        ClusterRoleBinding crb = yaml(
                META + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}",
                ClusterRoleBinding.class);
        assertThat(new ClusterRoleBindingPrinter().cells(crb, NOW))
                .containsExactly("x", "ClusterRole/admin", "5m", "", "", "");
        assertThat(new ClusterRoleBindingPrinter().columns())
                .filteredOn(c -> c.priority() == 1)
                .extracting(TableColumn::name)
                .containsExactly("Users", "Groups", "ServiceAccounts");
    }

    @Test
    void networkPolicyPrintsItsPodSelectorOrNoneForAll() {
        NetworkPolicy np = yaml(META + "spec: {podSelector: {matchLabels: {app: db}}}", NetworkPolicy.class);
        assertThat(new NetworkPolicyPrinter().cells(np, NOW)).containsExactly("x", "app=db", "5m");
        assertThat(new NetworkPolicyPrinter()
                        .cells(yaml(META + "spec: {podSelector: {}}", NetworkPolicy.class), NOW)
                        .get(1))
                .isEqualTo("<none>");
    }

    @Test
    void ingressShowsClassHostsAddressAndTlsPorts() {
        Ingress ing = yaml(META + """
                spec:
                  ingressClassName: nginx
                  tls: [{hosts: [a.example]}]
                  rules: [{host: a.example}, {host: b.example}, {}, {host: c.example}, {host: d.example}]
                status: {loadBalancer: {ingress: [{hostname: lb.example}, {ip: 192.0.2.7}]}}
                """, Ingress.class);
        assertThat(new IngressPrinter().cells(ing, NOW))
                .containsExactly(
                        "x",
                        "nginx",
                        "a.example,b.example,c.example + 2 more...",
                        "192.0.2.7,lb.example",
                        "80, 443",
                        "5m");
        assertThat(new IngressPrinter().cells(yaml(META + "spec: {rules: [{}]}", Ingress.class), NOW))
                .containsExactly("x", "<none>", "*", "", "80", "5m");
    }

    @Test
    void ingressClassShowsControllerAndParameters() {
        IngressClass ic = yaml(META + """
                spec:
                  controller: example.com/ingress
                  parameters: {apiGroup: k8s.example.com, kind: IngressParameters, name: external-lb}
                """, IngressClass.class);
        assertThat(new IngressClassPrinter().cells(ic, NOW))
                .containsExactly("x", "example.com/ingress", "IngressParameters.k8s.example.com/external-lb", "5m");
        assertThat(new IngressClassPrinter()
                        .cells(yaml(META + "spec: {controller: c}", IngressClass.class), NOW)
                        .get(2))
                .isEqualTo("<none>");
    }

    @Test
    void storageClassMarksTheDefaultAndPrintsDefaultsForUnsetFields() {
        StorageClass sc = yaml("""
                metadata:
                  name: standard
                  creationTimestamp: '2024-06-01T11:55:00Z'
                  annotations: {storageclass.kubernetes.io/is-default-class: 'true'}
                provisioner: rancher.io/local-path
                """, StorageClass.class);
        assertThat(new StorageClassPrinter().cells(sc, NOW))
                .containsExactly("standard (default)", "rancher.io/local-path", "Delete", "Immediate", false, "5m");
        StorageClass retained = yaml(
                META + "provisioner: p\nreclaimPolicy: Retain\nvolumeBindingMode: WaitForFirstConsumer\n"
                        + "allowVolumeExpansion: true",
                StorageClass.class);
        assertThat(new StorageClassPrinter().cells(retained, NOW))
                .containsExactly("x", "p", "Retain", "WaitForFirstConsumer", true, "5m");
    }

    @Test
    void csiDriverPrintsItsFlagsWithDefaultsTokenAudiencesAndModes() {
        CSIDriver driver = yaml(META + """
                spec:
                  attachRequired: false
                  podInfoOnMount: true
                  volumeLifecycleModes: [Persistent, Ephemeral]
                  tokenRequests: [{audience: vault}, {audience: gcp}]
                """, CSIDriver.class);
        assertThat(new CsiDriverPrinter().cells(driver, NOW))
                .containsExactly("x", false, true, false, "vault,gcp", false, "Persistent,Ephemeral", "5m");
        assertThat(new CsiDriverPrinter().cells(yaml(META + "spec: {}", CSIDriver.class), NOW))
                .containsExactly("x", true, false, false, "<unset>", false, "<none>", "5m");
    }

    @Test
    void csiNodeCountsItsDrivers() {
        CSINode node =
                yaml(META + "spec: {drivers: [{name: a.csi, nodeID: n1}, {name: b.csi, nodeID: n1}]}", CSINode.class);
        assertThat(new CsiNodePrinter().cells(node, NOW)).containsExactly("x", 2L, "5m");
    }

    @Test
    void podDisruptionBudgetPrintsBudgetsAsWrittenOrNotApplicable() {
        PodDisruptionBudget pdb =
                yaml(META + "spec: {minAvailable: 1}\nstatus: {disruptionsAllowed: 2}", PodDisruptionBudget.class);
        assertThat(new PodDisruptionBudgetPrinter().cells(pdb, NOW)).containsExactly("x", "1", "N/A", 2L, "5m");
        PodDisruptionBudget percent = yaml(META + "spec: {maxUnavailable: '50%'}", PodDisruptionBudget.class);
        assertThat(new PodDisruptionBudgetPrinter().cells(percent, NOW)).containsExactly("x", "N/A", "50%", 0L, "5m");
    }

    @Test
    void webhookConfigurationsCountTheirWebhooks() {
        String webhooks = META + "webhooks: [{name: a.example.com}, {name: b.example.com}]";
        RowPrinter<?> validating =
                Printers.forResource("validatingwebhookconfigurations").orElseThrow();
        RowPrinter<?> mutating =
                Printers.forResource("mutatingwebhookconfigurations").orElseThrow();
        assertThat(validating.cellsOf(yaml(webhooks, ValidatingWebhookConfiguration.class), NOW))
                .containsExactly("x", 2L, "5m");
        assertThat(mutating.cellsOf(yaml(META, MutatingWebhookConfiguration.class), NOW))
                .containsExactly("x", 0L, "5m");
        assertThat(mutating.columns()).extracting(TableColumn::name).containsExactly("Name", "Webhooks", "Age");
    }

    @Test
    void runtimeClassShowsItsHandler() {
        assertThat(new RuntimeClassPrinter().cells(yaml(META + "handler: runc", RuntimeClass.class), NOW))
                .containsExactly("x", "runc", "5m");
    }
}
