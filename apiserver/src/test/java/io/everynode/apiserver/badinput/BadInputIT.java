package io.everynode.apiserver.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.RawApi.Reply;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.testing.World;
import io.everynode.testkit.Kubectl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every rejected request gets an upstream-style {@code Status} (kind, code, reason, a message
 * naming the field) and writes nothing (design.md, "Behaviour on bad input").
 */
class BadInputIT {
    static final String PODS = "/api/v1/namespaces/bad/pods";
    static TestServer server;
    static RawApi api;
    static World world;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        api = new RawApi(server.url());
        world = new World(api);
        world.namespace("bad");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String pod(String name) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},"spec":{"containers":[{"name":"c","image":"nginx:1.27"}]}}
                """.formatted(name);
    }

    /** Asserts the reply is a Failure Status with this code and reason, and returns its message. */
    static String status(Reply r, int code, String reason) {
        assertThat(r.code()).as(r.body()).isEqualTo(code);
        ObjectNode s = r.json();
        assertThat(s.at("/kind").asString()).isEqualTo("Status");
        assertThat(s.at("/apiVersion").asString()).isEqualTo("v1");
        assertThat(s.at("/status").asString()).isEqualTo("Failure");
        assertThat(s.at("/code").asInt()).isEqualTo(code);
        assertThat(s.at("/reason").asString()).isEqualTo(reason);
        return s.at("/message").asString();
    }

    long revision() {
        return Long.parseLong(api.object(PODS).at("/metadata/resourceVersion").asString());
    }

    @Test
    void malformedJsonIsABadRequestAndWritesNothing() {
        long before = revision();
        String msg = status(
                api.post(PODS, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"x\""),
                400,
                "BadRequest");
        assertThat(msg).startsWith("couldn't get version/kind; json parse error: ");
        assertThat(revision()).isEqualTo(before);
        assertThat(api.exists(PODS + "/x")).isFalse();
    }

    @Test
    void malformedYamlIsABadRequestAndWritesNothing() {
        String msg = status(
                api.post(PODS, "application/yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: [y\n"),
                400,
                "BadRequest");
        assertThat(msg).startsWith("couldn't get version/kind; yaml parse error: ");
        assertThat(api.exists(PODS + "/y")).isFalse();
    }

    @Test
    void wellFormedYamlIsAccepted() {
        api.post(PODS, "application/yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: from-yaml
                spec:
                  containers:
                    - name: c
                      image: nginx:1.27
                """).assertCode(201);
        assertThat(api.exists(PODS + "/from-yaml")).isTrue();
    }

    @Test
    void anUnknownKindInTheBodyIsABadRequest() {
        String msg =
                status(api.post(PODS, pod("k").replace("\"kind\":\"Pod\"", "\"kind\":\"Pot\"")), 400, "BadRequest");
        assertThat(msg).contains("Pot").contains("Pod");
        assertThat(api.exists(PODS + "/k")).isFalse();
    }

    @Test
    void anUnknownVersionInTheBodyIsABadRequest() {
        String msg = status(
                api.post(PODS, pod("v").replace("\"apiVersion\":\"v1\"", "\"apiVersion\":\"v2\"")), 400, "BadRequest");
        assertThat(msg).contains("v2");
        assertThat(api.exists(PODS + "/v")).isFalse();
    }

    @Test
    void aWrongValueTypeNamesTheField() {
        String msg = status(
                api.post(PODS, pod("t").replace("\"image\":\"nginx:1.27\"", "\"image\":[1]")), 400, "BadRequest");
        assertThat(msg)
                .contains("Pod in version \"v1\" cannot be handled as a Pod")
                .contains("image");
        assertThat(api.exists(PODS + "/t")).isFalse();
    }

    @Test
    void anUpdateWithAStaleResourceVersionIsAConflictAndChangesNothing() {
        ObjectNode created = api.create(PODS, pod("stale"));
        api.patch(PODS + "/stale", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"a\":\"1\"}}}")
                .assertCode(200);
        ObjectNode current = api.object(PODS + "/stale");
        ObjectNode stale = created.deepCopy();
        ((ObjectNode) stale.get("metadata")).putObject("labels").put("a", "2");
        String msg = status(api.put(PODS + "/stale", stale.toString()), 409, "Conflict");
        assertThat(msg)
                .isEqualTo("Operation cannot be fulfilled on pods \"stale\": the object has been modified;"
                        + " please apply your changes to the latest version and try again");
        assertThat(api.object(PODS + "/stale")).isEqualTo(current);
    }

    @Test
    void creatingAnExistingNameIsAlreadyExists() {
        ObjectNode first = api.create(PODS, pod("twice"));
        Reply r = api.post(PODS, pod("twice").replace("nginx:1.27", "nginx:1.28"));
        assertThat(status(r, 409, "AlreadyExists")).isEqualTo("pods \"twice\" already exists");
        assertThat(r.json().at("/details/name").asString()).isEqualTo("twice");
        assertThat(r.json().at("/details/kind").asString()).isEqualTo("pods");
        assertThat(api.object(PODS + "/twice")).isEqualTo(first);
    }

    @Test
    void kubectlPrintsTheAlreadyExistsAndNotFoundStatuses(@TempDir Path dir) throws Exception {
        Kubectl kubectl = Kubectl.forServer(server.url(), dir);
        kubectl.runWithInput(
                        pod("kubectl-twice")
                                .replace(
                                        "\"name\":\"kubectl-twice\"",
                                        "\"name\":\"kubectl-twice\",\"namespace\":\"bad\""),
                        "create",
                        "-f",
                        "-")
                .assertOk();
        var r = kubectl.runWithInput(
                pod("kubectl-twice")
                        .replace("\"name\":\"kubectl-twice\"", "\"name\":\"kubectl-twice\",\"namespace\":\"bad\""),
                "create",
                "-f",
                "-");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .isEqualTo(
                        "Error from server (AlreadyExists): error when creating \"STDIN\": pods \"kubectl-twice\" already exists\n");
        var missing = kubectl.run("get", "pod", "nothing", "-n", "nosuchns");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("Error from server (NotFound): namespaces \"nosuchns\" not found\n");
    }

    @Test
    @Tag("awaits-strict-decoding")
    void anUnknownFieldUnderStrictValidationIsABadRequest() {
        String body = pod("strict").replace("\"spec\":{", "\"spec\":{\"foo\":1,");
        String msg = status(api.post(PODS + "?fieldValidation=Strict", body), 400, "BadRequest");
        assertThat(msg)
                .isEqualTo(
                        "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.foo\"");
        assertThat(api.exists(PODS + "/strict")).isFalse();
    }

    @Test
    void anUnsupportedPatchTypeIsUnsupportedMediaType() {
        ObjectNode before = api.create(PODS, pod("patched"));
        String msg = status(
                api.patch(PODS + "/patched", "text/plain", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}"),
                415,
                "UnsupportedMediaType");
        assertThat(msg)
                .isEqualTo("the body of the request was in an unknown format - accepted media types include:"
                        + " application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json,"
                        + " application/apply-patch+yaml");
        assertThat(api.object(PODS + "/patched")).isEqualTo(before);
    }

    @Test
    void anUnsupportedFieldSelectorIsABadRequest() {
        assertThat(status(api.get(PODS + "?fieldSelector=spec.foo%3Dx"), 400, "BadRequest"))
                .isEqualTo("field label not supported: spec.foo");
        assertThat(status(api.get(PODS + "?watch=true&fieldSelector=spec.foo%3Dx"), 400, "BadRequest"))
                .isEqualTo("field label not supported: spec.foo");
    }

    @Test
    void anOversizedBodyIsRequestEntityTooLarge() {
        long before = revision();
        byte[] big = new byte[4 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        byte[] head = pod("huge").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, big, 0, head.length);
        assertThat(status(api.post(PODS, big, "application/json"), 413, "RequestEntityTooLarge"))
                .contains("limit is 3145728");
        assertThat(api.exists(PODS + "/huge")).isFalse();
        assertThat(revision()).isEqualTo(before);
    }

    @Test
    void creatingInAMissingNamespaceIsNotFound() {
        Reply r = api.post("/api/v1/namespaces/ghost/pods", pod("p"));
        assertThat(status(r, 404, "NotFound")).isEqualTo("namespaces \"ghost\" not found");
        assertThat(api.exists("/api/v1/namespaces/ghost/pods/p")).isFalse();
    }

    @Test
    void creatingInATerminatingNamespaceIsForbidden() {
        world.namespace("closing");
        // a finalizer keeps one pod, so the namespace stays Terminating
        api.create(
                "/api/v1/namespaces/closing/pods",
                pod("held").replace("\"name\":\"held\"", "\"name\":\"held\",\"finalizers\":[\"example.com/hold\"]"));
        api.delete("/api/v1/namespaces/closing", "{}").assertCode(200);
        String msg = status(api.post("/api/v1/namespaces/closing/pods", pod("late")), 403, "Forbidden");
        assertThat(msg)
                .isEqualTo(
                        "pods \"late\" is forbidden: unable to create new content in namespace closing because it is being terminated");
        assertThat(api.exists("/api/v1/namespaces/closing/pods/late")).isFalse();
        // Let the namespace lifecycle finish its one write (the held pod's deletion mark), so
        // that tests counting revisions after this one see a quiet store.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !api.object("/api/v1/namespaces/closing/pods/held")
                        .at("/metadata/deletionTimestamp")
                        .isMissingNode());
    }

    @Test
    void aMissingObjectIsNotFoundWithDetails() {
        Reply r = api.get("/apis/apps/v1/namespaces/bad/daemonsets/none");
        assertThat(status(r, 404, "NotFound")).isEqualTo("daemonsets.apps \"none\" not found");
        assertThat(r.json().at("/details/group").asString()).isEqualTo("apps");
        assertThat(r.json().at("/details/kind").asString()).isEqualTo("daemonsets");
    }

    @Test
    void aBrokenPatchBodyIsABadRequestAndChangesNothing() {
        ObjectNode before = api.create(PODS, pod("patch-broken"));
        status(api.patch(PODS + "/patch-broken", "application/merge-patch+json", "{\"metadata\":"), 400, "BadRequest");
        status(
                api.patch(
                        PODS + "/patch-broken",
                        "application/json-patch+json",
                        "[{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"other\"}]"),
                422,
                "Invalid");
        assertThat(api.object(PODS + "/patch-broken")).isEqualTo(before);
    }
}
