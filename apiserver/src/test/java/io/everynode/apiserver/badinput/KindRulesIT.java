package io.everynode.apiserver.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.strategy.ServiceNetwork;
import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.RawApi.Reply;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.testing.World;
import io.everynode.apiserver.watch.PooledDispatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rules of the built-in kinds that have behaviour of their own, over HTTP: Secrets,
 * ConfigMaps, Service addresses, ServiceAccount admission, PodDisruptionBudgets in evictions,
 * workload validation, namespace deletion. Refusals are Status bodies with field paths, and
 * nothing is written.
 */
class KindRulesIT {
    static final String NS = "rules";
    static final String BASE = "/api/v1/namespaces/" + NS;
    static TestServer server;
    static RawApi api;
    static World world;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        api = new RawApi(server.url());
        world = new World(api);
        world.namespace(NS);
        world.node("n1");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void assertInvalid(Reply r, String kind, String field, String message) {
        assertThat(r.code()).as(r.body()).isEqualTo(422);
        ObjectNode s = r.json();
        assertThat(s.path("kind").asString()).isEqualTo("Status");
        assertThat(s.path("status").asString()).isEqualTo("Failure");
        assertThat(s.path("reason").asString()).isEqualTo("Invalid");
        assertThat(s.at("/details/kind").asString()).isEqualTo(kind);
        assertThat(s.at("/details/causes/0/field").asString()).isEqualTo(field);
        assertThat(s.path("message").asString()).contains(field + ": " + message);
    }

    // ---- Secrets and ConfigMaps ----------------------------------------------------------

    @Test
    void aSecretValueThatIsNotBase64IsRefusedAtItsKeyAndNothingIsWritten() {
        Reply r = api.post(BASE + "/secrets", """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"bad-b64"},"data":{"token":"not base64!"}}""");
        assertInvalid(
                r,
                "Secret",
                "data[token]",
                "Invalid value: \"<secret contents redacted>\": illegal base64 data at input byte 3");
        assertThat(api.exists(BASE + "/secrets/bad-b64")).isFalse();
    }

    @Test
    void stringDataIsStoredBase64EncodedInDataAndTheTypeDefaultsToOpaque() {
        ObjectNode s = api.create(BASE + "/secrets", """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"plain"},"stringData":{"password":"hunter2"}}""");
        assertThat(s.at("/data/password").asString()).isEqualTo("aHVudGVyMg==");
        assertThat(s.has("stringData")).isFalse();
        assertThat(s.path("type").asString()).isEqualTo("Opaque");
        assertThat(api.object(BASE + "/secrets/plain").has("stringData")).isFalse();
    }

    @Test
    void aTlsSecretNeedsItsCertificateAndKey() {
        Reply r = api.post(BASE + "/secrets", """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"tls"},"type":"kubernetes.io/tls","data":{}}""");
        assertInvalid(r, "Secret", "data[tls.crt]", "Required value");
        assertThat(r.json().at("/details/causes/1/field").asString()).isEqualTo("data[tls.key]");
        assertThat(api.exists(BASE + "/secrets/tls")).isFalse();
    }

    @Test
    void anImmutableSecretKeepsItsData() {
        api.create(BASE + "/secrets", """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"frozen"},"immutable":true,"data":{"k":"dg=="}}""");
        Reply r = api.patch(BASE + "/secrets/frozen", "application/merge-patch+json", """
                {"data":{"k":"dzI="}}""");
        assertInvalid(r, "Secret", "data", "Forbidden: field is immutable when `immutable` is set");
        assertThat(api.object(BASE + "/secrets/frozen").at("/data/k").asString())
                .isEqualTo("dg==");
    }

    @Test
    void aConfigMapKeyInDataAndBinaryDataIsRefused() {
        Reply r = api.post(BASE + "/configmaps", """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"twice"},"data":{"k":"v"},"binaryData":{"k":"dg=="}}""");
        assertInvalid(r, "ConfigMap", "data[k]", "Invalid value: \"k\": duplicate of key present in binaryData");
        assertThat(api.exists(BASE + "/configmaps/twice")).isFalse();
    }

    // ---- Services ---------------------------------------------------------------------------

    static String service(String name, String type, String extraSpec, String ports) {
        return """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s"},
                 "spec":{"type":"%s",%s"selector":{"app":"%s"},"ports":%s}}""".formatted(name, type, extraSpec, name, ports);
    }

    @Test
    void theKubernetesServiceHoldsTheFirstAddressOfTheRange() {
        ObjectNode k = api.object("/api/v1/namespaces/default/services/kubernetes");
        assertThat(k.at("/spec/clusterIP").asString()).isEqualTo("10.96.0.1");
        assertThat(k.at("/spec/ports/0/port").asInt()).isEqualTo(443);
    }

    @Test
    void aNodePortServiceGetsAClusterIpAndNodePortsFromTheirRanges() {
        ObjectNode s = api.create(BASE + "/services", service("exporter", "NodePort", "", """
                [{"name":"metrics","port":9100},{"name":"debug","port":9101,"targetPort":"debug"}]"""));
        JsonNode spec = s.path("spec");
        String ip = spec.path("clusterIP").asString();
        assertThat(ip).startsWith("10.").isNotEqualTo("10.96.0.1");
        long v = ipv4(ip);
        assertThat(v).isBetween(ipv4("10.96.0.2"), ipv4("10.111.255.254"));
        assertThat(spec.at("/clusterIPs/0").asString()).isEqualTo(ip);
        for (JsonNode p : spec.path("ports")) {
            assertThat(p.path("nodePort").asInt()).isBetween(30000, 32767);
            assertThat(p.path("protocol").asString()).isEqualTo("TCP");
        }
        assertThat(spec.at("/ports/0/targetPort").asInt()).isEqualTo(9100);
        assertThat(spec.at("/ports/1/targetPort").asString()).isEqualTo("debug");
    }

    @Test
    void aNodePortOutsideTheRangeIsRefusedWithUpstreamsMessage() {
        Reply r = api.post(BASE + "/services", service("low-port", "NodePort", "", """
                [{"port":80,"nodePort":8080}]"""));
        assertInvalid(
                r,
                "Service",
                "spec.ports[0].nodePort",
                "Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767");
        assertThat(api.exists(BASE + "/services/low-port")).isFalse();
    }

    @Test
    void aNodePortInUseIsRefused() {
        api.create(BASE + "/services", service("first-np", "NodePort", "", "[{\"port\":80,\"nodePort\":31111}]"));
        Reply r = api.post(
                BASE + "/services", service("second-np", "NodePort", "", "[{\"port\":80,\"nodePort\":31111}]"));
        assertInvalid(
                r, "Service", "spec.ports[0].nodePort", "Invalid value: 31111: provided port is already allocated");
        assertThat(api.exists(BASE + "/services/second-np")).isFalse();
    }

    @Test
    void aClusterIpInUseIsRefusedUntilItsServiceIsDeleted() {
        String ip = "\"clusterIP\":\"10.96.7.7\",";
        api.create(BASE + "/services", service("holder", "ClusterIP", ip, "[{\"port\":80}]"));
        Reply r = api.post(BASE + "/services", service("taker", "ClusterIP", ip, "[{\"port\":80}]"));
        assertInvalid(
                r,
                "Service",
                "spec.clusterIPs",
                "Invalid value: [\"10.96.7.7\"]: failed to allocate IP 10.96.7.7: provided IP is already allocated");
        api.delete(BASE + "/services/holder", "{}").assertCode(200);
        ObjectNode taken = api.create(BASE + "/services", service("taker", "ClusterIP", ip, "[{\"port\":80}]"));
        assertThat(taken.at("/spec/clusterIP").asString()).isEqualTo("10.96.7.7");
    }

    @Test
    void aClusterIpOutsideTheRangeIsRefused() {
        Reply r = api.post(
                BASE + "/services", service("far", "ClusterIP", "\"clusterIP\":\"192.168.1.1\",", "[{\"port\":80}]"));
        assertInvalid(
                r,
                "Service",
                "spec.clusterIPs",
                "Invalid value: [\"192.168.1.1\"]: failed to allocate IP 192.168.1.1: the provided IP (192.168.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12");
    }

    @Test
    void theClusterIpIsImmutableButAnUpdateWithoutItKeepsIt() {
        ObjectNode s = api.create(BASE + "/services", service("steady", "ClusterIP", "", "[{\"port\":80}]"));
        String ip = s.at("/spec/clusterIP").asString();
        ObjectNode noIp = s.deepCopy();
        ((ObjectNode) noIp.path("spec")).remove("clusterIP");
        ((ObjectNode) noIp.path("spec")).remove("clusterIPs");
        ObjectNode kept = api.put(BASE + "/services/steady", noIp.toString())
                .assertCode(200)
                .json();
        assertThat(kept.at("/spec/clusterIP").asString()).isEqualTo(ip);
        ObjectNode moved = kept.deepCopy();
        ((ObjectNode) moved.path("spec"))
                .put("clusterIP", "10.96.9.9")
                .putArray("clusterIPs")
                .add("10.96.9.9");
        assertInvalid(
                api.put(BASE + "/services/steady", moved.toString()),
                "Service",
                "spec.clusterIP",
                "Invalid value: \"10.96.9.9\": field is immutable");
        assertThat(api.object(BASE + "/services/steady").at("/spec/clusterIP").asString())
                .isEqualTo(ip);
    }

    @Test
    void aHeadlessServiceHasNoAddress() {
        ObjectNode s = api.create(
                BASE + "/services", service("headless", "ClusterIP", "\"clusterIP\":\"None\",", "[{\"port\":80}]"));
        assertThat(s.at("/spec/clusterIP").asString()).isEqualTo("None");
    }

    @Test
    void severalPortsNeedNames() {
        Reply r = api.post(BASE + "/services", service("unnamed", "ClusterIP", "", "[{\"port\":80},{\"port\":81}]"));
        assertInvalid(r, "Service", "spec.ports[0].name", "Required value");
        assertThat(api.exists(BASE + "/services/unnamed")).isFalse();
    }

    @Test
    void theRangesAreTheServersConfiguration() throws Exception {
        ApiServerConfig config =
                ApiServerConfig.defaults().withServiceNetwork(new ServiceNetwork("172.30.0.0/24", 31000, 31001));
        try (TestServer small = TestServer.memory(config, Clock.systemUTC(), PooledDispatch.forMachine())) {
            RawApi other = new RawApi(small.url());
            assertThat(other.object("/api/v1/namespaces/default/services/kubernetes")
                            .at("/spec/clusterIP")
                            .asString())
                    .isEqualTo("172.30.0.1");
            String svc = "/api/v1/namespaces/default/services";
            other.create(svc, service("a", "NodePort", "", "[{\"port\":80}]"));
            other.create(svc, service("b", "NodePort", "", "[{\"port\":80}]"));
            Reply full = other.post(svc, service("c", "NodePort", "", "[{\"port\":80,\"nodePort\":32000}]"));
            assertInvalid(
                    full,
                    "Service",
                    "spec.ports[0].nodePort",
                    "Invalid value: 32000: provided port is not in the valid range. The range of valid ports is 31000-31001");
        }
    }

    @Test
    void allocatedAddressesSurviveARestart(@TempDir Path dir) throws Exception {
        String ip = "\"clusterIP\":\"10.96.3.3\",";
        try (TestServer first = TestServer.sqlite(dir)) {
            new RawApi(first.url()).create("/api/v1/namespaces/default/services", service("kept", "NodePort", ip, """
                            [{"port":80,"nodePort":30303}]"""));
        }
        try (TestServer second = TestServer.sqlite(dir)) {
            RawApi again = new RawApi(second.url());
            String svc = "/api/v1/namespaces/default/services";
            assertInvalid(
                    again.post(svc, service("copy", "ClusterIP", ip, "[{\"port\":80}]")),
                    "Service",
                    "spec.clusterIPs",
                    "Invalid value: [\"10.96.3.3\"]: failed to allocate IP 10.96.3.3: provided IP is already allocated");
            assertInvalid(
                    again.post(svc, service("copy", "NodePort", "", "[{\"port\":80,\"nodePort\":30303}]")),
                    "Service",
                    "spec.ports[0].nodePort",
                    "Invalid value: 30303: provided port is already allocated");
        }
    }

    // ---- ServiceAccounts ----------------------------------------------------------------

    static String pod(String name, String extraSpec) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},"spec":{%s"containers":[{"name":"c","image":"nginx:1.27"}]}}""".formatted(name, extraSpec);
    }

    @Test
    void aPodInANamespaceMadeAMomentAgoGetsTheDefaultServiceAccount() {
        world.namespace("fresh");
        assertThat(api.exists("/api/v1/namespaces/fresh/serviceaccounts/default"))
                .isTrue();
        ObjectNode p = api.create("/api/v1/namespaces/fresh/pods", pod("first", ""));
        assertThat(p.at("/spec/serviceAccountName").asString()).isEqualTo("default");
        assertThat(p.at("/spec/serviceAccount").asString()).isEqualTo("default");
    }

    @Test
    void aPodNamingAServiceAccountThatDoesNotExistIsForbidden() {
        Reply r = api.post(BASE + "/pods", pod("lonely", "\"serviceAccountName\":\"fluent-bit\","));
        assertThat(r.code()).as(r.body()).isEqualTo(403);
        assertThat(r.json().path("reason").asString()).isEqualTo("Forbidden");
        assertThat(r.json().path("message").asString())
                .isEqualTo("pods \"lonely\" is forbidden: error looking up service account rules/fluent-bit: "
                        + "serviceaccount \"fluent-bit\" not found");
        assertThat(api.exists(BASE + "/pods/lonely")).isFalse();
        api.create(BASE + "/serviceaccounts", """
                {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"fluent-bit"}}""");
        api.create(BASE + "/pods", pod("lonely", "\"serviceAccountName\":\"fluent-bit\","));
    }

    // ---- pods, evictions, workloads -------------------------------------------------------

    @Test
    void sidecarsMayEachNameAPortHealthz() {
        api.create(BASE + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"csi"},"spec":{"containers":[
                  {"name":"driver","image":"csi:1","ports":[{"name":"healthz","containerPort":9808}]},
                  {"name":"registrar","image":"reg:1","ports":[{"name":"healthz","containerPort":9809}]}]}}""");
    }

    @Test
    void anEvictionThatWouldBreakADisruptionBudgetIsRefusedWith429() {
        for (String p : new String[] {"speaker-a", "speaker-b"}) {
            world.barePod(NS, p, "n1", "{\"app\":\"speaker\"}");
            world.markReady(NS, p);
        }
        api.create("/apis/policy/v1/namespaces/" + NS + "/poddisruptionbudgets", """
                {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"speaker"},
                 "spec":{"minAvailable":2,"selector":{"matchLabels":{"app":"speaker"}}}}""");
        String eviction = """
                {"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"speaker-a"}}""";
        Reply r = api.post(BASE + "/pods/speaker-a/eviction", eviction);
        assertThat(r.code()).as(r.body()).isEqualTo(429);
        assertThat(r.json().path("reason").asString()).isEqualTo("TooManyRequests");
        assertThat(r.json().path("message").asString())
                .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(r.json().at("/details/causes/0/reason").asString()).isEqualTo("DisruptionBudget");
        assertThat(r.json().at("/details/causes/0/message").asString())
                .isEqualTo("The disruption budget speaker needs 2 healthy pods and has 2 currently");
        assertThat(api.object(BASE + "/pods/speaker-a")
                        .at("/metadata/deletionTimestamp")
                        .isMissingNode())
                .isTrue();

        api.patch(
                        "/apis/policy/v1/namespaces/" + NS + "/poddisruptionbudgets/speaker",
                        "application/merge-patch+json",
                        "{\"spec\":{\"minAvailable\":1}}")
                .assertCode(200);
        api.post(BASE + "/pods/speaker-a/eviction", eviction).assertCode(201);
        Reply second = api.post(BASE + "/pods/speaker-b/eviction", """
                {"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"speaker-b"}}""");
        assertThat(second.code())
                .as("speaker-a is going: speaker-b is the last healthy pod")
                .isEqualTo(429);
    }

    @Test
    void aDeploymentWhoseSelectorMissesItsTemplateIsRefused() {
        Reply r = api.post("/apis/apps/v1/namespaces/" + NS + "/deployments", """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"selector":{"matchLabels":{"app":"api"}},
                  "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}""");
        assertInvalid(
                r,
                "Deployment",
                "spec.template.metadata.labels",
                "Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`");
        assertThat(api.exists("/apis/apps/v1/namespaces/" + NS + "/deployments/web"))
                .isFalse();
    }

    @Test
    void aJobGetsAGeneratedSelector() {
        ObjectNode job = api.create("/apis/batch/v1/namespaces/" + NS + "/jobs", """
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"once"},
                 "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox:1.36"}]}}}}""");
        String uid = job.at("/metadata/uid").asString();
        assertThat(job.at("/spec/selector/matchLabels/batch.kubernetes.io~1controller-uid")
                        .asString())
                .isEqualTo(uid);
        assertThat(job.at("/spec/template/metadata/labels/job-name").asString()).isEqualTo("once");
    }

    @Test
    void deletingANamespaceDeletesItsConfigMapsSecretsAndRoles() {
        world.namespace("doomed");
        String ns = "/api/v1/namespaces/doomed";
        String role = "/apis/rbac.authorization.k8s.io/v1/namespaces/doomed/roles";
        api.create(ns + "/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\"}}");
        api.create(ns + "/secrets", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"}}");
        api.create(role, """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"reader"},
                 "rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}""");
        api.delete(ns, "{}").assertCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !api.exists(ns));
        assertThat(api.exists(ns + "/configmaps/cm")).isFalse();
        assertThat(api.exists(ns + "/secrets/s")).isFalse();
        assertThat(api.exists(role + "/reader")).isFalse();
        assertThat(api.exists(ns + "/serviceaccounts/default")).isFalse();
    }

    static long ipv4(String s) {
        long v = 0;
        for (String p : s.split("\\.")) v = (v << 8) | Integer.parseInt(p);
        return v;
    }
}
