package io.everynode.apiserver.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.RawApi.Reply;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.testing.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** PriorityClass validation (R8.2) and priority admission of pods (R8.3) over HTTP. */
@Tag("awaits-admission")
class PriorityClassAdmissionIT {
    static final String PCS = "/apis/scheduling.k8s.io/v1/priorityclasses";
    static final String PODS = "/api/v1/namespaces/prio/pods";
    static TestServer server;
    static RawApi api;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        api = new RawApi(server.url());
        new World(api).namespace("prio");
        api.create(PCS, pc("daemonset-critical", 1000000, false));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String pc(String name, long value, boolean globalDefault) {
        return """
                {"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"%s"},"value":%d,"globalDefault":%s}
                """.formatted(name, value, globalDefault);
    }

    static String pod(String name, String extraSpec) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},"spec":{%s"containers":[{"name":"c","image":"nginx:1.27"}]}}
                """.formatted(name, extraSpec);
    }

    @Test
    void aUserClassAboveOneBillionIsForbiddenOnValue() {
        Reply r = api.post(PCS, pc("too-high", 1000000001, false));
        assertThat(r.code()).as(r.body()).isEqualTo(422);
        assertThat(r.json().at("/message").asString())
                .contains("value: Forbidden: maximum allowed value of a user defined priority is 1000000000");
        assertThat(api.exists(PCS + "/too-high")).isFalse();
    }

    @Test
    void theSystemPrefixIsReservedForSystemClasses() {
        Reply r = api.post(PCS, pc("system-mine", 10, false));
        assertThat(r.code()).as(r.body()).isEqualTo(422);
        assertThat(r.json().at("/message").asString())
                .contains(
                        "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only");
        assertThat(api.exists(PCS + "/system-mine")).isFalse();
    }

    @Test
    void onlyOneClassMayBeTheGlobalDefault() {
        api.create(PCS, pc("default-one", 100, true));
        Reply r = api.post(PCS, pc("default-two", 200, true));
        assertThat(r.code()).as(r.body()).isEqualTo(403);
        assertThat(r.json().at("/message").asString())
                .contains("PriorityClass default-one is already marked as default. Only one default can exist");
        assertThat(api.exists(PCS + "/default-two")).isFalse();
    }

    @Test
    void theValueIsImmutable() {
        ObjectNode created = api.create(PCS, pc("fixed-value", 300, false));
        ObjectNode changed = created.deepCopy();
        changed.put("value", 301);
        Reply r = api.put(PCS + "/fixed-value", changed.toString());
        assertThat(r.code()).as(r.body()).isEqualTo(422);
        assertThat(r.json().at("/message").asString()).contains("value: Forbidden: may not be changed in an update.");
        assertThat(api.object(PCS + "/fixed-value").at("/value").asLong()).isEqualTo(300);
    }

    @Test
    void aPodNamingAMissingClassIsForbidden() {
        Reply r = api.post(PODS, pod("orphan-class", "\"priorityClassName\":\"nope\","));
        assertThat(r.code()).as(r.body()).isEqualTo(403);
        assertThat(r.json().at("/reason").asString()).isEqualTo("Forbidden");
        assertThat(r.json().at("/message").asString()).contains("no PriorityClass with name nope was found");
        assertThat(api.exists(PODS + "/orphan-class")).isFalse();
    }

    @Test
    void aPodGetsThePriorityOfItsClass() {
        ObjectNode p = api.create(PODS, pod("ranked", "\"priorityClassName\":\"daemonset-critical\","));
        assertThat(p.at("/spec/priority").asLong()).isEqualTo(1000000);
        assertThat(p.at("/spec/preemptionPolicy").asString()).isEqualTo("PreemptLowerPriority");
    }

    @Test
    void aPodWithAPriorityThatDisagreesWithItsClassIsForbidden() {
        Reply r = api.post(PODS, pod("liar", "\"priorityClassName\":\"daemonset-critical\",\"priority\":5,"));
        assertThat(r.code()).as(r.body()).isEqualTo(403);
        assertThat(r.json().at("/message").asString())
                .contains("the integer value of priority (5) must not be provided in pod spec;"
                        + " priority admission controller computed 1000000 from the given PriorityClass name");
        assertThat(api.exists(PODS + "/liar")).isFalse();
    }
}
