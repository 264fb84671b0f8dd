package io.everynode.apiserver.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.apiserver.testing.TestServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ConfigMaps through the fabric8 client: typed CRUD and a shared informer, as operators use them. */
class Fabric8ConfigMapsIT {
    static TestServer server;
    static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(server.url()).build())
                .build();
        for (String ns : new String[] {"cm-crud", "cm-informer"}) {
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
    static void stop() {
        client.close();
        server.close();
    }

    static ConfigMap configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("app", "agent")
                .endMetadata()
                .withData(data)
                .build();
    }

    @Test
    void aConfigMapIsCreatedReadUpdatedListedAndDeletedWithTypedCalls() {
        var cms = client.configMaps().inNamespace("cm-crud");
        ConfigMap created =
                cms.resource(configMap("agent-config", Map.of("level", "info"))).create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getResourceVersion()).isNotBlank();

        assertThat(cms.withName("agent-config").get().getData()).containsEntry("level", "info");

        ConfigMap edited = cms.withName("agent-config")
                .edit(cm -> new ConfigMapBuilder(cm)
                        .addToData("level", "debug")
                        .addToData("flush", "5")
                        .build());
        assertThat(edited.getData()).containsEntry("level", "debug").containsEntry("flush", "5");
        assertThat(edited.getMetadata().getResourceVersion())
                .isNotEqualTo(created.getMetadata().getResourceVersion());

        assertThat(cms.withLabel("app", "agent").list().getItems())
                .extracting(cm -> cm.getMetadata().getName())
                .containsExactly("agent-config");

        assertThat(cms.withName("agent-config").delete()).hasSize(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cms.withName("agent-config").get() == null);
    }

    @Test
    void anInformerSeesConfigMapsAddedChangedAndRemoved() {
        List<String> seen = new CopyOnWriteArrayList<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps()
                .inNamespace("cm-informer")
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ConfigMap cm) {
                        seen.add("add " + cm.getMetadata().getName() + " " + cm.getData());
                    }

                    @Override
                    public void onUpdate(ConfigMap oldCm, ConfigMap newCm) {
                        seen.add("update " + newCm.getMetadata().getName() + " " + newCm.getData());
                    }

                    @Override
                    public void onDelete(ConfigMap cm, boolean unknownFinalState) {
                        seen.add("delete " + cm.getMetadata().getName());
                    }
                });
        try {
            var cms = client.configMaps().inNamespace("cm-informer");
            cms.resource(configMap("watched", Map.of("a", "1"))).create();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("add watched {a=1}"));

            cms.withName("watched")
                    .edit(cm ->
                            new ConfigMapBuilder(cm).withData(Map.of("a", "2")).build());
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("update watched {a=2}"));
            assertThat(informer.getStore().getByKey("cm-informer/watched").getData())
                    .containsEntry("a", "2");

            cms.withName("watched").delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("delete watched"));
        } finally {
            informer.close();
        }
    }
}
