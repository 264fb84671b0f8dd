package io.everynode.apiserver.auth.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The ServiceAccount admission's kube-api-access volume, on a server that issues tokens. */
class TokenVolumeAdmissionTest {
    private static final String MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";
    /** Upstream's volume, as its admission plugin builds it (the name's 5 characters are random). */
    private static final String VOLUME = """
            {"projected":{"sources":[
              {"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},
              {"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},
              {"downwardAPI":{"items":[{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"},"path":"namespace"}]}}
            ],"defaultMode":420}}""";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private InProcessApi server;

    @BeforeEach
    void start() {
        server = new InProcessApi(Keys.rsa(), clock);
        server.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"team\"}}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ObjectNode pod(String specJson) {
        return server.create(
                "/api/v1/namespaces/team/pods", "{\"metadata\":{\"generateName\":\"p-\"},\"spec\":" + specJson + "}");
    }

    private static JsonNode json(String s) {
        return Json.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPodGetsUpstreamsProjectedVolumeMountedReadOnlyInEveryContainer() {
        ObjectNode pod = pod("{\"initContainers\":[{\"name\":\"init\",\"image\":\"i\"}],"
                + "\"containers\":[{\"name\":\"a\",\"image\":\"i\"},{\"name\":\"b\",\"image\":\"i\"}]}");

        JsonNode volume = pod.at("/spec/volumes/0");
        String name = volume.path("name").asString();
        assertThat(name).matches("kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}");
        ObjectNode withoutName = ((ObjectNode) volume).deepCopy();
        withoutName.remove("name");
        assertThat(withoutName).isEqualTo(json(VOLUME));
        JsonNode mount = json("{\"name\":\"" + name + "\",\"readOnly\":true,\"mountPath\":\"" + MOUNT + "\"}");
        assertThat(pod.at("/spec/initContainers/0/volumeMounts")).containsExactly(mount);
        assertThat(pod.at("/spec/containers/0/volumeMounts")).containsExactly(mount);
        assertThat(pod.at("/spec/containers/1/volumeMounts")).containsExactly(mount);
    }

    @Test
    void aContainerThatMountsSomethingAtTheTokenPathKeepsItsOwnMount() {
        ObjectNode pod = pod("{\"volumes\":[{\"name\":\"mine\",\"emptyDir\":{}}],\"containers\":["
                + "{\"name\":\"a\",\"image\":\"i\",\"volumeMounts\":[{\"name\":\"mine\",\"mountPath\":\"" + MOUNT
                + "\"}]},{\"name\":\"b\",\"image\":\"i\"}]}");

        assertThat(pod.at("/spec/containers/0/volumeMounts")).hasSize(1);
        assertThat(pod.at("/spec/containers/0/volumeMounts/0/name").asString()).isEqualTo("mine");
        assertThat(pod.at("/spec/containers/1/volumeMounts/0/name").asString()).startsWith("kube-api-access-");
    }

    @Test
    void aPodThatAlreadyHasAnApiAccessVolumeGetsOnlyTheMounts() {
        ObjectNode pod = pod("{\"volumes\":[{\"name\":\"kube-api-access-mine1\",\"emptyDir\":{}}],"
                + "\"containers\":[{\"name\":\"a\",\"image\":\"i\"}]}");

        assertThat(pod.at("/spec/volumes")).hasSize(1);
        assertThat(pod.at("/spec/containers/0/volumeMounts/0/name").asString()).isEqualTo("kube-api-access-mine1");
    }

    @Test
    void automountDecidedByThePodWinsOverTheAccount() {
        server.create(
                "/api/v1/namespaces/team/serviceaccounts",
                "{\"metadata\":{\"name\":\"quiet\"},\"automountServiceAccountToken\":false}");

        ObjectNode optedOut =
                pod("{\"automountServiceAccountToken\":false,\"containers\":[{\"name\":\"a\",\"image\":\"i\"}]}");
        ObjectNode quietAccount =
                pod("{\"serviceAccountName\":\"quiet\",\"containers\":[{\"name\":\"a\",\"image\":\"i\"}]}");
        ObjectNode optedBackIn = pod("{\"serviceAccountName\":\"quiet\",\"automountServiceAccountToken\":true,"
                + "\"containers\":[{\"name\":\"a\",\"image\":\"i\"}]}");

        assertThat(optedOut.at("/spec/volumes").isMissingNode()).isTrue();
        assertThat(quietAccount.at("/spec/volumes").isMissingNode()).isTrue();
        assertThat(quietAccount.at("/spec/containers/0/volumeMounts").isMissingNode())
                .isTrue();
        assertThat(optedBackIn.at("/spec/volumes/0/name").asString()).startsWith("kube-api-access-");
    }

    @Test
    void aServerWithoutAKeyLeavesPodsAsTheyAre() {
        try (InProcessApi open = new InProcessApi(null, clock)) {
            open.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"team\"}}");

            ObjectNode pod = open.create(
                    "/api/v1/namespaces/team/pods",
                    "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"i\"}]}}");

            assertThat(pod.at("/spec/volumes").isMissingNode()).isTrue();
            assertThat(pod.at("/spec/containers/0/volumeMounts").isMissingNode())
                    .isTrue();
        }
    }
}
