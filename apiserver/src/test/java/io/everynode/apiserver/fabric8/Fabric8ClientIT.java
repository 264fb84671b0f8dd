package io.everynode.apiserver.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.apiserver.testing.TestServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fabric8 client 8.0.0 (JDK HTTP client), as Java users drive a cluster, against the real server. */
class Fabric8ClientIT {
    static TestServer server;
    static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(server.url()).build())
                .build();
        for (String ns : new String[] {"crud", "conflict", "patch", "watch", "informer"}) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .endMetadata()
                            .build())
                    .create();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    static DaemonSet ds(String name, String image) {
        return new DaemonSetBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("agent")
                .withImage(image)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    static Pod pod(String name) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("app", "web")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage("nginx:1.27")
                .endContainer()
                .endSpec()
                .build();
    }

    @Test
    void createGetListUpdateAndDeleteADaemonSet() {
        DaemonSet created = client.apps()
                .daemonSets()
                .inNamespace("crud")
                .resource(ds("agent", "busybox:1.36"))
                .create();
        assertThat(created.getMetadata().getUid()).isNotEmpty();
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

        DaemonSet got =
                client.apps().daemonSets().inNamespace("crud").withName("agent").get();
        assertThat(got.getMetadata().getResourceVersion())
                .isEqualTo(created.getMetadata().getResourceVersion());
        assertThat(client.apps().daemonSets().inNamespace("crud").list().getItems())
                .extracting(d -> d.getMetadata().getName())
                .containsExactly("agent");
        assertThat(client.apps()
                        .daemonSets()
                        .inAnyNamespace()
                        .withLabel("nope")
                        .list()
                        .getItems())
                .isEmpty();

        got.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("busybox:1.37");
        DaemonSet updated =
                client.apps().daemonSets().inNamespace("crud").resource(got).update();
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(updated.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("busybox:1.37");

        assertThat(client.apps()
                        .daemonSets()
                        .inNamespace("crud")
                        .withName("agent")
                        .delete())
                .hasSize(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.apps()
                                .daemonSets()
                                .inNamespace("crud")
                                .withName("agent")
                                .get()
                        == null);
    }

    @Test
    void anUpdateWithAStaleResourceVersionIsAConflict() {
        DaemonSet created = client.apps()
                .daemonSets()
                .inNamespace("conflict")
                .resource(ds("agent", "busybox:1.36"))
                .create();
        DaemonSet fresh = client.apps()
                .daemonSets()
                .inNamespace("conflict")
                .withName("agent")
                .get();
        fresh.getMetadata().getLabels();
        fresh.getMetadata().setLabels(java.util.Map.of("touched", "yes"));
        client.apps().daemonSets().inNamespace("conflict").resource(fresh).update();

        created.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("busybox:9");
        assertThatThrownBy(() -> client.apps()
                        .daemonSets()
                        .inNamespace("conflict")
                        .resource(created)
                        .update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                    assertThat(e.getStatus().getMessage()).contains("the object has been modified");
                });
        assertThat(client.apps()
                        .daemonSets()
                        .inNamespace("conflict")
                        .withName("agent")
                        .get()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("busybox:1.36");
    }

    @Test
    void creatingAnExistingNameIsAlreadyExists() {
        client.pods().inNamespace("conflict").resource(pod("dup")).create();
        assertThatThrownBy(() -> client.pods()
                        .inNamespace("conflict")
                        .resource(pod("dup"))
                        .create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
                });
    }

    @Test
    void jsonMergeAndStrategicPatchesChangeTheObject() {
        client.apps()
                .daemonSets()
                .inNamespace("patch")
                .resource(ds("agent", "busybox:1.36"))
                .create();
        DaemonSet merged = client.apps()
                .daemonSets()
                .inNamespace("patch")
                .withName("agent")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"tier\":\"infra\"}}}");
        assertThat(merged.getMetadata().getLabels()).containsEntry("tier", "infra");

        // strategic: the container list is merged by name, so the sidecar is added beside the agent
        DaemonSet strategic = client.apps()
                .daemonSets()
                .inNamespace("patch")
                .withName("agent")
                .patch(
                        PatchContext.of(PatchType.STRATEGIC_MERGE),
                        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"image\":\"envoy:1\"}]}}}}");
        assertThat(strategic.getSpec().getTemplate().getSpec().getContainers())
                .extracting(c -> c.getName() + "=" + c.getImage())
                .containsExactlyInAnyOrder("agent=busybox:1.36", "sidecar=envoy:1");
        assertThat(strategic.getMetadata().getGeneration()).isEqualTo(2L);

        DaemonSet jsonPatched = client.apps()
                .daemonSets()
                .inNamespace("patch")
                .withName("agent")
                .patch(
                        PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"add\",\"path\":\"/spec/minReadySeconds\",\"value\":5}]");
        assertThat(jsonPatched.getSpec().getMinReadySeconds()).isEqualTo(5);
    }

    @Test
    void aWatchSeesAddedModifiedAndDeleted() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Watch w = client.pods().inNamespace("watch").watch(new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                seen.add(action + " " + pod.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {}
        });
        try {
            client.pods().inNamespace("watch").resource(pod("w1")).create();
            client.pods().inNamespace("watch").withName("w1").edit(p -> {
                p.getMetadata().getLabels().put("v", "2");
                return p;
            });
            client.pods().inNamespace("watch").withName("w1").delete();
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("DELETED w1"));
            assertThat(seen).containsExactly("ADDED w1", "MODIFIED w1", "DELETED w1");
        } finally {
            w.close();
        }
    }

    @Test
    void aSharedIndexInformerSeesEveryChange() throws Exception {
        client.pods().inNamespace("informer").resource(pod("before")).create();
        List<String> seen = new CopyOnWriteArrayList<>();
        SharedIndexInformer<Pod> informer = client.pods()
                .inNamespace("informer")
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        seen.add("add " + pod.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(Pod oldPod, Pod newPod) {
                        if (!oldPod.getMetadata()
                                .getResourceVersion()
                                .equals(newPod.getMetadata().getResourceVersion())) {
                            seen.add("update " + newPod.getMetadata().getName() + " "
                                    + newPod.getMetadata().getLabels().get("v"));
                        }
                    }

                    @Override
                    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                        seen.add("delete " + pod.getMetadata().getName());
                    }
                });
        try {
            await().atMost(Duration.ofSeconds(20)).until(informer::hasSynced);
            client.pods().inNamespace("informer").resource(pod("after")).create();
            client.pods().inNamespace("informer").withName("before").edit(p -> {
                p.getMetadata().getLabels().put("v", "2");
                return p;
            });
            client.pods().inNamespace("informer").withName("after").delete();
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("delete after"));
            assertThat(seen).containsExactly("add before", "add after", "update before 2", "delete after");
            assertThat(informer.getStore().list())
                    .extracting(p -> p.getMetadata().getName())
                    .containsExactly("before");
        } finally {
            informer.close();
        }
    }
}
