package io.everynode.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * E7.3: an event about the DaemonSet controller's apps/v1 view of an Advanced DaemonSet names the
 * {@code apps.kruise.io/v1alpha1} object the view stands for; an apps/v1 DaemonSet's, apps/v1.
 */
class EventInvolvedObjectTest {
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();

    private final Transport server = new Transport() {
        @Override
        public Response send(Request request) {
            posted.add(Json.parse(request.body()));
            return new Response(201, "application/json", request.body());
        }

        @Override
        public Streamed stream(Request request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    };

    private final KubeClient client = new KubeClient(server, ClientConfig.defaults(), new ManualClock());

    private static DaemonSet ds(String apiVersion) {
        return new DaemonSetBuilder()
                .withApiVersion(apiVersion)
                .withNewMetadata()
                .withNamespace("ops")
                .withName("agent")
                .withUid("u-1")
                .endMetadata()
                .build();
    }

    @Test
    void anEventAboutAnAdvancedDaemonSetsViewNamesTheAdvancedKind() {
        client.createEvent(ds("apps.kruise.io/v1alpha1"), "Warning", "AutoPaused", "paused", "daemonset-controller", 1);
        client.createEvent(ds("apps/v1"), "Normal", "SuccessfulCreate", "created", "daemonset-controller", 1);

        assertThat(posted).hasSize(2);
        assertThat(posted.get(0).path("involvedObject").path("apiVersion").asString())
                .isEqualTo("apps.kruise.io/v1alpha1");
        assertThat(posted.get(0).path("involvedObject").path("kind").asString()).isEqualTo("DaemonSet");
        assertThat(posted.get(1).path("involvedObject").path("apiVersion").asString())
                .isEqualTo("apps/v1");
    }
}
