package io.everynode.apiserver.table;

import static io.everynode.apiserver.table.Fixtures.NOW;
import static io.everynode.apiserver.table.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import org.junit.jupiter.api.Test;

/** ConfigMap, Secret, ServiceAccount, Service, Endpoints, ResourceQuota, PV and PVC rows. */
class CorePrintersTest {
    private static final String META = "metadata: {name: x, creationTimestamp: '2024-06-01T11:55:00Z'}\n";

    @Test
    void configMapCountsDataAndBinaryDataKeys() {
        ConfigMap cm = yaml(META + "data: {a: '1', b: '2'}\nbinaryData: {c: AA==}", ConfigMap.class);
        assertThat(new ConfigMapPrinter().cells(cm, NOW)).containsExactly("x", 3L, "5m");
        assertThat(new ConfigMapPrinter().columns())
                .extracting(TableColumn::name)
                .containsExactly("Name", "Data", "Age");
    }

    @Test
    void secretPrintsTypeAndCountsEachKeyOnceAcrossDataAndStringData() {
        Secret s = yaml(META + "type: Opaque\ndata: {a: AA==}\nstringData: {a: x, b: y}", Secret.class);
        assertThat(new SecretPrinter().cells(s, NOW)).containsExactly("x", "Opaque", 2L, "5m");
    }

    @Test
    void serviceAccountCountsItsSecrets() {
        ServiceAccount sa = yaml(META + "secrets: [{name: t1}, {name: t2}]", ServiceAccount.class);
        assertThat(new ServiceAccountPrinter().cells(sa, NOW)).containsExactly("x", 2L, "5m");
        assertThat(new ServiceAccountPrinter().cells(yaml(META, ServiceAccount.class), NOW))
                .containsExactly("x", 0L, "5m");
    }

    @Test
    void clusterIpServiceListsPortsWithProtocolAndNoExternalIp() {
        Service svc = yaml(META + """
                spec:
                  type: ClusterIP
                  clusterIP: 10.96.0.10
                  clusterIPs: [10.96.0.10]
                  selector: {app: web, tier: front}
                  ports: [{port: 80, protocol: TCP}, {port: 443}]
                """, Service.class);
        assertThat(new ServicePrinter().cells(svc, NOW))
                .containsExactly(
                        "x", "ClusterIP", "10.96.0.10", "<none>", "80/TCP,443/TCP", "5m", "app=web,tier=front");
        assertThat(new ServicePrinter().columns())
                .extracting(TableColumn::name, TableColumn::priority)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Name", 0),
                        org.assertj.core.groups.Tuple.tuple("Type", 0),
                        org.assertj.core.groups.Tuple.tuple("Cluster-IP", 0),
                        org.assertj.core.groups.Tuple.tuple("External-IP", 0),
                        org.assertj.core.groups.Tuple.tuple("Port(s)", 0),
                        org.assertj.core.groups.Tuple.tuple("Age", 0),
                        org.assertj.core.groups.Tuple.tuple("Selector", 1));
    }

    @Test
    void nodePortServiceShowsPortColonNodePortAndItsExternalIps() {
        Service svc = yaml(META + """
                spec:
                  type: NodePort
                  clusterIP: 10.96.1.1
                  externalIPs: [192.0.2.1, 192.0.2.2]
                  ports: [{port: 80, nodePort: 30080, protocol: TCP}, {port: 53, protocol: UDP}]
                """, Service.class);
        assertThat(new ServicePrinter().cells(svc, NOW))
                .containsExactly(
                        "x", "NodePort", "10.96.1.1", "192.0.2.1,192.0.2.2", "80:30080/TCP,53/UDP", "5m", "<none>");
    }

    @Test
    void loadBalancerServiceIsPendingUntilItHasIngressPointsWhichPrintSorted() {
        String spec = META + "spec: {type: LoadBalancer, clusterIP: None, ports: []}\n";
        assertThat(new ServicePrinter().cells(yaml(spec, Service.class), NOW))
                .containsExactly("x", "LoadBalancer", "None", "<pending>", "<none>", "5m", "<none>");
        Service withIngress = yaml(
                spec + "status: {loadBalancer: {ingress: [{ip: 198.51.100.9}, {hostname: lb.example}]}}",
                Service.class);
        assertThat(new ServicePrinter().cells(withIngress, NOW).get(3)).isEqualTo("198.51.100.9,lb.example");
    }

    @Test
    void externalNameServicePrintsItsNameAndAnUnsetTypeIsClusterIp() {
        assertThat(new ServicePrinter()
                        .cells(yaml(META + "spec: {type: ExternalName, externalName: db.example}", Service.class), NOW)
                        .subList(1, 4))
                .containsExactly("ExternalName", "<none>", "db.example");
        assertThat(new ServicePrinter().cells(yaml(META, Service.class), NOW).subList(1, 5))
                .containsExactly("ClusterIP", "<none>", "<none>", "<none>");
    }

    @Test
    void endpointsListAddressPortPairsThenHowManyMore() {
        Endpoints ep = yaml(META + """
                subsets:
                  - addresses: [{ip: 10.0.0.1}, {ip: 10.0.0.2}, {ip: 'fd00::3'}]
                    notReadyAddresses: [{ip: 10.0.0.9}]
                    ports: [{port: 9100}, {port: 9101}]
                """, Endpoints.class);
        assertThat(new EndpointsPrinter().cells(ep, NOW))
                .containsExactly("x", "10.0.0.1:9100,10.0.0.2:9100,[fd00::3]:9100 + 3 more...", "5m");
        assertThat(new EndpointsPrinter()
                        .cells(yaml(META, Endpoints.class), NOW)
                        .get(1))
                .isEqualTo("<none>");
        assertThat(new EndpointsPrinter()
                        .cells(yaml(META + "subsets: [{addresses: [{ip: 10.0.0.1}]}]", Endpoints.class), NOW)
                        .get(1))
                .isEqualTo("10.0.0.1");
    }

    @Test
    void resourceQuotaSplitsRequestsFromLimitsSortedByResourceInCanonicalQuantities() {
        ResourceQuota q = yaml(META + """
                status:
                  hard: {pods: '10', requests.cpu: '2', limits.memory: 4096Mi, limits.cpu: '4'}
                  used: {pods: '3', requests.cpu: 500m, limits.cpu: '1'}
                """, ResourceQuota.class);
        assertThat(new ResourceQuotaPrinter().cells(q, NOW))
                .containsExactly(
                        "x", "pods: 3/10, requests.cpu: 500m/2", "limits.cpu: 1/4, limits.memory: 0/4Gi", "5m");
        assertThat(new ResourceQuotaPrinter().cells(yaml(META, ResourceQuota.class), NOW))
                .containsExactly("x", "", "", "5m");
    }

    @Test
    void boundClaimShowsCapacityAndModesFromItsStatus() {
        PersistentVolumeClaim pvc = yaml(META + """
                spec: {volumeName: pv-1, storageClassName: fast, accessModes: [ReadWriteOnce],
                       resources: {requests: {storage: 1Gi}}}
                status: {phase: Bound, capacity: {storage: 10Gi}, accessModes: [ReadWriteMany, ReadWriteOnce]}
                """, PersistentVolumeClaim.class);
        assertThat(new PersistentVolumeClaimPrinter().cells(pvc, NOW))
                .containsExactly("x", "Bound", "pv-1", "10Gi", "RWO,RWX", "fast", "<unset>", "5m", "<unset>");
    }

    @Test
    void pendingClaimHasNoCapacityAndTheBetaAnnotationNamesItsClass() {
        PersistentVolumeClaim pvc = yaml("""
                metadata:
                  name: x
                  creationTimestamp: '2024-06-01T11:55:00Z'
                  annotations: {volume.beta.kubernetes.io/storage-class: old}
                spec: {storageClassName: new, volumeMode: Filesystem}
                status: {phase: Pending}
                """, PersistentVolumeClaim.class);
        assertThat(new PersistentVolumeClaimPrinter().cells(pvc, NOW))
                .containsExactly("x", "Pending", "", "", "", "old", "<unset>", "5m", "Filesystem");
    }

    @Test
    void persistentVolumeShowsItsClaimAndTerminatingOnceDeleted() {
        PersistentVolume pv = yaml("""
                metadata: {name: x, creationTimestamp: '2024-06-01T11:55:00Z', deletionTimestamp: '2024-06-01T12:00:00Z'}
                spec:
                  capacity: {storage: 5Gi}
                  accessModes: [ReadOnlyMany, ReadWriteOncePod, ReadOnlyMany]
                  persistentVolumeReclaimPolicy: Delete
                  claimRef: {namespace: ns, name: data}
                  storageClassName: local
                status: {phase: Bound}
                """, PersistentVolume.class);
        assertThat(new PersistentVolumePrinter().cells(pv, NOW))
                .containsExactly(
                        "x",
                        "5Gi",
                        "ROX,RWOP",
                        "Delete",
                        "Terminating",
                        "ns/data",
                        "local",
                        "<unset>",
                        "",
                        "5m",
                        "<unset>");
        assertThat(new PersistentVolumePrinter().cells(yaml(META, PersistentVolume.class), NOW))
                .containsExactly("x", "0", "", "Retain", "", "", "", "<unset>", "", "5m", "<unset>");
    }
}
