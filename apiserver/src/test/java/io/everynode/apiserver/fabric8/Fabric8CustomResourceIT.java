package io.everynode.apiserver.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.apiserver.testing.TestServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** fabric8 on a custom resource: the definition created typed, its objects through the generic client and an informer. */
class Fabric8CustomResourceIT {
    static final ResourceDefinitionContext WIDGETS = new ResourceDefinitionContext.Builder()
            .withGroup("example.everynode.io")
            .withVersion("v1")
            .withKind("Widget")
            .withPlural("widgets")
            .withNamespaced(true)
            .build();

    static TestServer server;
    static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(server.url()).build())
                .build();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("shop")
                        .endMetadata()
                        .build())
                .create();
        try (InputStream in = Fabric8CustomResourceIT.class.getResourceAsStream("/crd/widgets-crd.yaml")) {
            CustomResourceDefinition crd = client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .load(in)
                    .item();
            client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .resource(crd)
                    .create();
        }
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("widgets.example.everynode.io")
                .waitUntilCondition(
                        c -> c != null
                                && c.getStatus() != null
                                && c.getStatus().getConditions().stream()
                                        .anyMatch(x -> x.getType().equals("Established")
                                                && x.getStatus().equals("True")),
                        20,
                        java.util.concurrent.TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    static GenericKubernetesResource widget(String name, int size) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("example.everynode.io/v1")
                .withKind("Widget")
                .withNewMetadata()
                .withName(name)
                .withNamespace("shop")
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("size", size)))
                .build();
    }

    @Test
    void genericCrudOnACustomResourceAppliesTheSchemasDefaults() {
        var widgets = client.genericKubernetesResources(WIDGETS).inNamespace("shop");

        widgets.resource(widget("crud", 2)).create();
        GenericKubernetesResource read = widgets.withName("crud").get();
        widgets.withName("crud").edit(w -> {
            w.setAdditionalProperty("spec", Map.of("size", 6, "color", "green"));
            return w;
        });

        assertThat(read.<String>get("spec", "color")).isEqualTo("red");
        assertThat(widgets.withName("crud").get().<Integer>get("spec", "size")).isEqualTo(6);
        assertThat(widgets.withName("crud").get().getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(widgets.withName("crud").delete()).hasSize(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> widgets.withName("crud").get() == null);
    }

    @Test
    void anInformerOnACustomResourceSeesAddsUpdatesAndDeletes() {
        List<String> seen = new CopyOnWriteArrayList<>();
        var widgets = client.genericKubernetesResources(WIDGETS).inNamespace("shop");
        SharedIndexInformer<GenericKubernetesResource> informer =
                widgets.inform(new ResourceEventHandler<GenericKubernetesResource>() {
                    @Override
                    public void onAdd(GenericKubernetesResource obj) {
                        seen.add("add " + obj.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource obj) {
                        if (!old.getMetadata()
                                .getResourceVersion()
                                .equals(obj.getMetadata().getResourceVersion()))
                            seen.add("update " + obj.getMetadata().getName());
                    }

                    @Override
                    public void onDelete(GenericKubernetesResource obj, boolean unknown) {
                        seen.add("delete " + obj.getMetadata().getName());
                    }
                });
        try {
            widgets.resource(widget("informed", 1)).create();
            widgets.withName("informed").edit(w -> {
                w.setAdditionalProperty("spec", Map.of("size", 2));
                return w;
            });
            widgets.withName("informed").delete();

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() ->
                            assertThat(seen).containsExactly("add informed", "update informed", "delete informed"));
        } finally {
            informer.close();
        }
    }
}
