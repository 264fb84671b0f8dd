package io.everynode.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.testing.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scale subresource of Deployments and ReplicaSets over HTTP, and the apps/v1 defaults a
 * Deployment is stored with.
 */
class ScaleSubresourceIT {
    static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/scale/deployments";
    static TestServer server;
    static RawApi api;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        api = new RawApi(server.url());
        new World(api).namespace("scale");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String deployment(String name) {
        return """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s"},
                 "spec":{"selector":{"matchLabels":{"app":"web"}},
                  "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"web:1"}]}}}}
                """.formatted(name);
    }

    @Test
    void aDeploymentIsStoredWithTheAppsV1Defaults() {
        ObjectNode d = api.create(DEPLOYMENTS, deployment("defaults"));

        assertThat(d.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(d.at("/spec/strategy/type").asString()).isEqualTo("RollingUpdate");
        assertThat(d.at("/spec/strategy/rollingUpdate/maxSurge").asString()).isEqualTo("25%");
        assertThat(d.at("/spec/strategy/rollingUpdate/maxUnavailable").asString())
                .isEqualTo("25%");
        assertThat(d.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
        assertThat(d.at("/spec/progressDeadlineSeconds").asInt()).isEqualTo(600);
        assertThat(d.at("/spec/template/spec/restartPolicy").asString()).isEqualTo("Always");
    }

    @Test
    void theScaleOfADeploymentIsReadAndWrittenAsAnAutoscalingV1Scale() {
        api.create(DEPLOYMENTS, deployment("web"));

        ObjectNode scale = api.get(DEPLOYMENTS + "/web/scale").assertCode(200).json();
        assertThat(scale.get("kind").asString()).isEqualTo("Scale");
        assertThat(scale.get("apiVersion").asString()).isEqualTo("autoscaling/v1");
        assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(scale.at("/status/selector").asString()).isEqualTo("app=web");

        api.patch(DEPLOYMENTS + "/web/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":3}}")
                .assertCode(200);
        assertThat(api.object(DEPLOYMENTS + "/web").at("/spec/replicas").asInt())
                .isEqualTo(3);
        assertThat(api.object(DEPLOYMENTS + "/web").at("/metadata/generation").asInt())
                .isEqualTo(2);

        String rv = api.get(DEPLOYMENTS + "/web/scale")
                .json()
                .at("/metadata/resourceVersion")
                .asString();
        api.put(
                        DEPLOYMENTS + "/web/scale",
                        "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"web\",\"resourceVersion\":\""
                                + rv + "\"},\"spec\":{\"replicas\":5}}")
                .assertCode(200);
        assertThat(api.object(DEPLOYMENTS + "/web").at("/spec/replicas").asInt())
                .isEqualTo(5);
        api.put(
                        DEPLOYMENTS + "/web/scale",
                        "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"web\",\"resourceVersion\":\""
                                + rv + "\"},\"spec\":{\"replicas\":7}}")
                .assertCode(409);
    }

    @Test
    void aNegativeScaleIsRefusedWithTheFieldAtFaultAndNothingIsWritten() {
        api.create(DEPLOYMENTS, deployment("neg"));

        ObjectNode status = api.patch(
                        DEPLOYMENTS + "/neg/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":-1}}")
                .assertCode(422)
                .json();

        assertThat(status.get("kind").asString()).isEqualTo("Status");
        assertThat(status.get("message").asString())
                .isEqualTo(
                        "Scale.autoscaling \"neg\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
        assertThat(status.at("/details/causes/0/field").asString()).isEqualTo("spec.replicas");
        assertThat(api.object(DEPLOYMENTS + "/neg").at("/spec/replicas").asInt())
                .isEqualTo(1);
    }

    @Test
    void replicaSetsHaveAScaleAndDiscoveryNamesItsKind() {
        api.create(
                "/apis/apps/v1/namespaces/scale/replicasets",
                deployment("rs").replace("\"Deployment\"", "\"ReplicaSet\""));
        assertThat(api.get("/apis/apps/v1/namespaces/scale/replicasets/rs/scale")
                        .assertCode(200)
                        .json()
                        .at("/spec/replicas")
                        .asInt())
                .isEqualTo(1);

        ObjectNode discovery = api.get("/apis/apps/v1").assertCode(200).json();
        assertThat(discovery
                        .get("resources")
                        .valueStream()
                        .filter(r -> r.get("name").asString().equals("deployments/scale"))
                        .findFirst()
                        .orElseThrow()
                        .get("kind")
                        .asString())
                .isEqualTo("Scale");
    }
}
