package io.everynode.apiserver.badinput;

import static io.everynode.apiserver.badinput.CrossSiteWriteIT.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.RawHttp;
import io.everynode.apiserver.testing.RawHttp.Answer;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.testing.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests where Everynode answered otherwise than kube-apiserver (issue 9, item 7), each sent
 * as the probe sent it and answered as upstream answers it; refused writes write nothing.
 */
class UpstreamAnswersIT {
    static final String NS = "/api/v1/namespaces/up";
    static final String PODS = NS + "/pods";
    static final String DAEMONSETS = "/apis/apps/v1/namespaces/up/daemonsets";
    static TestServer server;
    static RawApi api;
    static RawHttp raw;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        api = new RawApi(server.url());
        raw = new RawHttp(server.port());
        new World(api).namespace("up");
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

    long revision() {
        return Long.parseLong(api.object(PODS).at("/metadata/resourceVersion").asString());
    }

    Answer send(String method, String path, String contentType, String body) {
        return raw.exchange(
                method + " " + path + " HTTP/1.1\r\nHost: localhost"
                        + (contentType == null ? "" : "\r\nContent-Type: " + contentType),
                body);
    }

    // ---- fieldValidation ----------------------------------------------------------------------

    @Test
    void duplicateKeysUnderStrictValidationAreABadRequestAndWriteNothing() {
        long before = revision();
        String body = """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"dup","name":"dup"},
                 "spec":{"containers":[{"name":"c","image":"nginx:1.27","image":"nginx:1.28"}],"bogus":1}}""";
        ObjectNode s =
                status(send("POST", PODS + "?fieldValidation=Strict", "application/json", body), 400, "BadRequest");
        assertThat(s.at("/message").asString())
                .isEqualTo(
                        "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error:"
                                + " duplicate field \"metadata.name\", duplicate field \"spec.containers[0].image\", unknown field \"spec.bogus\"");
        assertThat(api.exists(PODS + "/dup")).isFalse();
        assertThat(revision()).isEqualTo(before);
    }

    @Test
    void duplicateKeysInYamlUnderStrictValidationAreABadRequest() {
        String body = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: dup-yaml\n  labels: {a: b}\n  labels: {a: c}\n"
                + "spec:\n  containers:\n  - name: c\n    image: nginx:1.27\n";
        ObjectNode s =
                status(send("POST", PODS + "?fieldValidation=Strict", "application/yaml", body), 400, "BadRequest");
        assertThat(s.at("/message").asString()).endsWith("strict decoding error: duplicate field \"metadata.labels\"");
        assertThat(api.exists(PODS + "/dup-yaml")).isFalse();
    }

    @Test
    void duplicateKeysUnderTheDefaultValidationAreWarnedAndTheLastValueWins() {
        String body = pod("dup-warn")
                .replace("\"image\":\"nginx:1.27\"", "\"image\":\"nginx:1.27\",\"image\":\"nginx:1.28\"");
        Answer a = send("POST", PODS, "application/json", body);
        assertThat(a.code()).as(a.body()).isEqualTo(201);
        assertThat(a.header("Warning")).isEqualTo("299 - \"duplicate field \\\"spec.containers[0].image\\\"\"");
        assertThat(api.object(PODS + "/dup-warn").at("/spec/containers/0/image").asString())
                .isEqualTo("nginx:1.28");
    }

    @Test
    void anUnknownFieldValidationValueIsInvalidAndWritesNothing() {
        long before = revision();
        ObjectNode s =
                status(send("POST", PODS + "?fieldValidation=Bogus", "application/json", pod("bogus")), 422, "Invalid");
        assertThat(s.at("/message").asString())
                .isEqualTo("CreateOptions.meta.k8s.io \"\" is invalid: fieldValidation:"
                        + " Unsupported value: \"Bogus\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"");
        assertThat(s.at("/details/kind").asString()).isEqualTo("CreateOptions");
        assertThat(s.at("/details/group").asString()).isEqualTo("meta.k8s.io");
        assertThat(s.at("/details/causes/0/field").asString()).isEqualTo("fieldValidation");
        assertThat(s.at("/details/causes/0/reason").asString()).isEqualTo("FieldValueNotSupported");
        assertThat(api.exists(PODS + "/bogus")).isFalse();
        assertThat(revision()).isEqualTo(before);
    }

    @Test
    void anUnknownFieldValidationValueOnAPatchNamesPatchOptions() {
        ObjectNode before = api.create(PODS, pod("bogus-patch"));
        ObjectNode s = status(
                send(
                        "PATCH",
                        PODS + "/bogus-patch?fieldValidation=bogus",
                        "application/merge-patch+json",
                        "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}"),
                422,
                "Invalid");
        assertThat(s.at("/message").asString())
                .startsWith("PatchOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"bogus\"");
        assertThat(api.object(PODS + "/bogus-patch")).isEqualTo(before);
    }

    // ---- patches that rename ------------------------------------------------------------------

    @Test
    void aMergePatchThatRenamesIsABadRequestAndChangesNothing() {
        ObjectNode before = api.create(PODS, pod("named"));
        ObjectNode s = status(
                send(
                        "PATCH",
                        PODS + "/named",
                        "application/merge-patch+json",
                        "{\"metadata\":{\"name\":\"other\",\"labels\":{\"a\":\"b\"}}}"),
                400,
                "BadRequest");
        assertThat(s.at("/message").asString())
                .isEqualTo("the name of the object (other) does not match the name on the URL (named)");
        assertThat(api.object(PODS + "/named")).isEqualTo(before);
        assertThat(api.exists(PODS + "/other")).isFalse();
    }

    @Test
    void aJsonPatchThatMovesNamespaceIsABadRequestAndChangesNothing() {
        ObjectNode before = api.create(PODS, pod("placed"));
        ObjectNode s = status(
                send(
                        "PATCH",
                        PODS + "/placed",
                        "application/json-patch+json",
                        "[{\"op\":\"replace\",\"path\":\"/metadata/namespace\",\"value\":\"elsewhere\"}]"),
                400,
                "BadRequest");
        assertThat(s.at("/message").asString())
                .isEqualTo("the namespace of the object (elsewhere) does not match the namespace on the URL (up)");
        assertThat(api.object(PODS + "/placed")).isEqualTo(before);
    }

    @Test
    void aStrategicPatchThatRemovesTheNameIsABadRequest() {
        ObjectNode before = api.create(PODS, pod("nameless"));
        ObjectNode s = status(
                send(
                        "PATCH",
                        PODS + "/nameless",
                        "application/json-patch+json",
                        "[{\"op\":\"remove\",\"path\":\"/metadata/name\"}]"),
                400,
                "BadRequest");
        assertThat(s.at("/message").asString())
                .isEqualTo("the name of the object () does not match the name on the URL (nameless)");
        assertThat(api.object(PODS + "/nameless")).isEqualTo(before);
    }

    @Test
    void anUpdateThatMovesNamespaceIsABadRequest() {
        ObjectNode before = api.create(PODS, pod("put-moved"));
        ObjectNode moved = before.deepCopy();
        ((ObjectNode) moved.get("metadata")).put("namespace", "elsewhere");
        ObjectNode s =
                status(send("PUT", PODS + "/put-moved", "application/json", moved.toString()), 400, "BadRequest");
        assertThat(s.at("/message").asString())
                .isEqualTo("the namespace of the object (elsewhere) does not match the namespace on the URL (up)");
        assertThat(api.object(PODS + "/put-moved")).isEqualTo(before);
    }

    // ---- list and watch options ---------------------------------------------------------------

    @Test
    void aListAtANonNumericResourceVersionIsABadRequest() {
        ObjectNode s = status(send("GET", PODS + "?resourceVersion=abc", null, null), 400, "BadRequest");
        assertThat(s.at("/message").asString())
                .isEqualTo("invalid resource version: resourceVersion: Invalid value: \"abc\":"
                        + " strconv.ParseUint: parsing \"abc\": invalid syntax");
        status(send("GET", PODS + "?resourceVersion=-1", null, null), 400, "BadRequest");
        status(send("GET", PODS + "?watch=true&resourceVersion=abc", null, null), 400, "BadRequest");
    }

    @Test
    void aListWithAContinueTokenThisServerCannotReadIsABadRequest() {
        ObjectNode s = status(send("GET", PODS + "?limit=1&continue=not%2Bbase64", null, null), 400, "BadRequest");
        assertThat(s.at("/message").asString())
                .isEqualTo("invalid continue token: continue key is not valid: illegal base64 data at input byte 3");
        // {"v":"v0","rv":1,"start":"x"}: a token of another encoding version
        ObjectNode other = status(
                send("GET", PODS + "?continue=eyJ2IjoidjAiLCJydiI6MSwic3RhcnQiOiJ4In0", null, null), 400, "BadRequest");
        assertThat(other.at("/message").asString())
                .isEqualTo(
                        "invalid continue token: continue key is not valid: server does not recognize this encoded version \"v0\"");
    }

    @Test
    void aListAtAResourceVersionNotReachedYetTimesOutAsTooLarge() {
        long ahead = revision() + 1000;
        Answer a = send("GET", PODS + "?resourceVersion=" + ahead, null, null);
        ObjectNode s = status(a, 504, "Timeout");
        assertThat(s.at("/message").asString())
                .startsWith("Timeout: Too large resource version: " + ahead + ", current: ");
        assertThat(s.at("/details/causes/0/reason").asString()).isEqualTo("ResourceVersionTooLarge");
        assertThat(s.at("/details/causes/0/message").asString()).isEqualTo("Too large resource version");
        assertThat(s.at("/details/retryAfterSeconds").asInt()).isEqualTo(1);
        assertThat(a.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void aListAtAResourceVersionReachedIsServed() {
        long now = revision();
        Answer a = send("GET", PODS + "?resourceVersion=" + now, null, null);
        assertThat(a.code()).as(a.body()).isEqualTo(200);
    }

    @Test
    void aWatchListAtAResourceVersionNotReachedYetEndsWithAnErrorEvent() {
        long ahead = revision() + 1000;
        Answer a = send(
                "GET",
                PODS + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true"
                        + "&resourceVersion=" + ahead,
                null,
                null);
        assertThat(a.code()).as(a.body()).isEqualTo(200);
        ObjectNode event = (ObjectNode) RawApi.parse(a.body().strip());
        assertThat(event.at("/type").asString()).isEqualTo("ERROR");
        assertThat(event.at("/object/kind").asString()).isEqualTo("Status");
        assertThat(event.at("/object/code").asInt()).isEqualTo(504);
        assertThat(event.at("/object/reason").asString()).isEqualTo("Timeout");
        assertThat(event.at("/object/details/causes/0/reason").asString()).isEqualTo("ResourceVersionTooLarge");
    }

    @Test
    void aPlainWatchAtAResourceVersionNotReachedYetIsServedAsUpstreamServesIt() {
        long ahead = revision() + 1000;
        Answer a = send("GET", PODS + "?watch=true&timeoutSeconds=1&resourceVersion=" + ahead, null, null);
        assertThat(a.code()).as(a.body()).isEqualTo(200);
        assertThat(a.body()).isEmpty(); // no event: nothing happened after that version, and no ERROR
    }

    // ---- terminationGracePeriodSeconds --------------------------------------------------------

    /**
     * Upstream does not refuse a negative grace period (old clients sent them): it stores it,
     * warns, and treats it as 1 second when the pod is deleted. So does Everynode.
     */
    @Test
    void aNegativeTerminationGracePeriodIsAcceptedWithUpstreamsWarningAndMeansOneSecond() {
        String body = pod("negative-grace")
                .replace("\"spec\":{", "\"spec\":{\"nodeName\":\"node-x\",\"terminationGracePeriodSeconds\":-1,");
        Answer a = send("POST", PODS, "application/json", body);
        assertThat(a.code()).as(a.body()).isEqualTo(201);
        assertThat(a.header("Warning"))
                .isEqualTo("299 - \"spec.terminationGracePeriodSeconds: must be >= 0;"
                        + " negative values are invalid and will be treated as 1\"");
        Answer deleted = send("DELETE", PODS + "/negative-grace", null, null);
        assertThat(deleted.code()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().at("/metadata/deletionGracePeriodSeconds").asLong())
                .isEqualTo(1);
    }

    @Test
    void aDaemonSetTemplateWithANegativeGracePeriodIsWarnedAtItsPath() {
        String body = World.daemonSetJson("negative-grace")
                .replace("\"containers\"", "\"terminationGracePeriodSeconds\":-5,\"containers\"");
        Answer a = send("POST", DAEMONSETS, "application/json", body);
        assertThat(a.code()).as(a.body()).isEqualTo(201);
        assertThat(a.header("Warning"))
                .isEqualTo("299 - \"spec.template.spec.terminationGracePeriodSeconds: must be >= 0;"
                        + " negative values are invalid and will be treated as 1\"");
    }
}
