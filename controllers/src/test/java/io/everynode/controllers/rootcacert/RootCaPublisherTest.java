package io.everynode.controllers.rootcacert;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.controllers.endpoints.MapLister;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RootCaPublisherTest {
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    private final MapLister<Namespace> namespaces = new MapLister<>();
    private final MapLister<ConfigMap> configMaps = new MapLister<>();
    private final List<ConfigMap> created = new ArrayList<>();
    private final List<ConfigMap> updated = new ArrayList<>();
    private final RootCaPublisher publisher = new RootCaPublisher(PEM, namespaces, configMaps, new RootCaActions() {
        @Override
        public void create(ConfigMap configMap) {
            created.add(configMap);
        }

        @Override
        public void update(ConfigMap configMap) {
            updated.add(configMap);
        }
    });

    private static Namespace ns(String name) {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .build();
    }

    private static ConfigMap rootCa(String ns, Map<String, String> data, Map<String, String> annotations) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName("kube-root-ca.crt")
                .withNamespace(ns)
                .withResourceVersion("7")
                .withAnnotations(annotations)
                .endMetadata()
                .withData(data)
                .build();
    }

    @Test
    void aNamespaceWithoutTheConfigMapGetsOneWithTheCaAndUpstreamsDescription() {
        namespaces.put(ns("team"));

        publisher.sync("team");

        assertThat(created).hasSize(1);
        ConfigMap cm = created.get(0);
        assertThat(cm.getMetadata().getNamespace()).isEqualTo("team");
        assertThat(cm.getMetadata().getName()).isEqualTo("kube-root-ca.crt");
        assertThat(cm.getData()).containsExactly(Map.entry("ca.crt", PEM));
        assertThat(cm.getMetadata().getAnnotations().get("kubernetes.io/description"))
                .startsWith("Contains a CA bundle that can be used to verify the kube-apiserver");
    }

    @Test
    void anEditedConfigMapIsSetBackKeepingItsOtherMetadata() {
        namespaces.put(ns("team"));
        configMaps.put(rootCa("team", Map.of("ca.crt", "not the CA"), Map.of("owner", "someone")));

        publisher.sync("team");

        assertThat(created).isEmpty();
        assertThat(updated).hasSize(1);
        ConfigMap cm = updated.get(0);
        assertThat(cm.getData()).containsExactly(Map.entry("ca.crt", PEM));
        assertThat(cm.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(cm.getMetadata().getAnnotations()).containsEntry("owner", "someone");
    }

    @Test
    void aConfigMapThatIsRightIsLeftAlone() {
        namespaces.put(ns("team"));
        configMaps.put(rootCa(
                "team",
                Map.of("ca.crt", PEM),
                Map.of(RootCaPublisher.DESCRIPTION_ANNOTATION, RootCaPublisher.DESCRIPTION)));

        publisher.sync("team");

        assertThat(created).isEmpty();
        assertThat(updated).isEmpty();
    }

    @Test
    void aNamespaceBeingDeletedOrGoneGetsNothing() {
        namespaces.put(new NamespaceBuilder(ns("leaving"))
                .editMetadata()
                .withDeletionTimestamp("2026-12-04T10:00:00Z")
                .endMetadata()
                .build());

        publisher.sync("leaving");
        publisher.sync("gone");

        assertThat(created).isEmpty();
        assertThat(updated).isEmpty();
    }
}
