package io.everynode.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.testing.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Generation and resourceVersion bookkeeping on updates (R3.6), through the real HTTP API. */
class UpdateBookkeepingIT {
    private static final String DS = "/apis/apps/v1/namespaces/books/daemonsets/agent";
    TestServer server;
    RawApi api;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.memory();
        api = new RawApi(server.url());
        World world = new World(api);
        world.namespace("books");
        world.daemonSet("books", "agent");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void putBackTheObjectAsReadWritesNothing() {
        ObjectNode before = api.get(DS).assertCode(200).json();
        ObjectNode after = api.put(DS, before.toString()).assertCode(200).json();
        assertThat(after.at("/metadata/resourceVersion").asString())
                .isEqualTo(before.at("/metadata/resourceVersion").asString());
        assertThat(after.at("/metadata/generation").asLong()).isEqualTo(1);
    }

    @Test
    void aLabelChangeKeepsTheGenerationAndATemplateChangeBumpsBothGenerations() {
        ObjectNode labelled = api.patch(
                        DS, "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"tier\":\"infra\"}}}")
                .assertCode(200)
                .json();
        assertThat(labelled.at("/metadata/generation").asLong()).isEqualTo(1);
        assertThat(labelled.at("/metadata/annotations/deprecated.daemonset.template.generation")
                        .asString())
                .isEqualTo("1");

        ObjectNode changed = api.patch(
                        DS,
                        "application/merge-patch+json",
                        "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"restartedAt\":\"now\"}}}}}")
                .assertCode(200)
                .json();
        assertThat(changed.at("/metadata/generation").asLong()).isEqualTo(2);
        assertThat(changed.at("/metadata/annotations/deprecated.daemonset.template.generation")
                        .asString())
                .isEqualTo("2");

        ObjectNode strategyOnly = api.patch(DS, "application/merge-patch+json", "{\"spec\":{\"minReadySeconds\":5}}")
                .assertCode(200)
                .json();
        assertThat(strategyOnly.at("/metadata/generation").asLong()).isEqualTo(3);
        assertThat(strategyOnly
                        .at("/metadata/annotations/deprecated.daemonset.template.generation")
                        .asString())
                .isEqualTo("2");
    }

    @Test
    void aStatusWriteNeverBumpsTheGeneration() {
        ObjectNode written = api.patch(
                        DS + "/status",
                        "application/merge-patch+json",
                        "{\"status\":{\"desiredNumberScheduled\":3,\"observedGeneration\":1}}")
                .assertCode(200)
                .json();
        assertThat(written.at("/metadata/generation").asLong()).isEqualTo(1);
        assertThat(written.at("/status/desiredNumberScheduled").asInt()).isEqualTo(3);
    }
}
