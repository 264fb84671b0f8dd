package io.everynode.apiserver.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.RawApi.Reply;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.testing.World;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * DaemonSet validation (R6.2–R6.5, daemonset-rules.md §6) over HTTP: each invalid
 * DaemonSet is a 422 Invalid Status whose message and causes carry upstream's field path and
 * text, and nothing is stored.
 */
@Tag("awaits-admission")
class DaemonSetValidationIT {
    static final String DS = "/apis/apps/v1/namespaces/valid/daemonsets";
    static TestServer server;
    static RawApi api;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        api = new RawApi(server.url());
        new World(api).namespace("valid");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static ObjectNode ds(String name) {
        return (ObjectNode) RawApi.parse(World.daemonSetJson(name));
    }

    static ObjectNode spec(ObjectNode ds) {
        return Json.child(ds, "spec");
    }

    static ObjectNode podSpec(ObjectNode ds) {
        return Json.child(Json.child(spec(ds), "template"), "spec");
    }

    static Arguments rule(String rule, Consumer<ObjectNode> breakIt, String field, String message) {
        return Arguments.of(rule, breakIt, field, message);
    }

    static Stream<Arguments> invalidDaemonSets() {
        return Stream.of(
                rule(
                        "R6.2 selector must match the template labels",
                        d -> Json.child(Json.child(Json.child(spec(d), "template"), "metadata"), "labels")
                                .put("app", "other"),
                        "spec.template.metadata.labels",
                        "`selector` does not match template `labels`"),
                rule(
                        "R6.2 an empty selector is invalid",
                        d -> spec(d).putObject("selector"),
                        "spec.selector",
                        "empty selector is invalid for daemonset"),
                rule(
                        "R6.3 restartPolicy must be Always",
                        d -> podSpec(d).put("restartPolicy", "Never"),
                        "spec.template.spec.restartPolicy",
                        "Unsupported value: \"Never\": supported values: \"Always\""),
                rule(
                        "R6.3 activeDeadlineSeconds is forbidden",
                        d -> podSpec(d).put("activeDeadlineSeconds", 30),
                        "spec.template.spec.activeDeadlineSeconds",
                        "Forbidden: activeDeadlineSeconds in DaemonSet is not Supported"),
                rule(
                        "R6.3 a template needs containers",
                        d -> podSpec(d).putArray("containers"),
                        "spec.template.spec.containers",
                        "Required value"),
                rule(
                        "R6.4 minReadySeconds is not negative",
                        d -> spec(d).put("minReadySeconds", -1),
                        "spec.minReadySeconds",
                        "must be greater than or equal to 0"),
                rule(
                        "R6.4 revisionHistoryLimit is not negative",
                        d -> spec(d).put("revisionHistoryLimit", -1),
                        "spec.revisionHistoryLimit",
                        "must be greater than or equal to 0"),
                rule(
                        "R6.5 the strategy type is RollingUpdate or OnDelete",
                        d -> spec(d).putObject("updateStrategy").put("type", "Recreate"),
                        "spec.updateStrategy",
                        "Unsupported value: \"Recreate\""),
                rule(
                        "R6.5 maxSurge may not be set when maxUnavailable is non-zero",
                        d -> spec(d).putObject("updateStrategy")
                                .put("type", "RollingUpdate")
                                .putObject("rollingUpdate")
                                .put("maxUnavailable", 1)
                                .put("maxSurge", 1),
                        "spec.updateStrategy.rollingUpdate.maxSurge",
                        "may not be set when maxUnavailable is non-zero"),
                rule(
                        "R6.5 maxUnavailable cannot be 0 when maxSurge is 0",
                        d -> spec(d).putObject("updateStrategy")
                                .put("type", "RollingUpdate")
                                .putObject("rollingUpdate")
                                .put("maxUnavailable", "0%")
                                .put("maxSurge", 0),
                        "spec.updateStrategy.rollingUpdate.maxUnavailable",
                        "Required value: cannot be 0 when maxSurge is 0"),
                rule(
                        "R6.5 a percentage is at most 100%",
                        d -> spec(d).putObject("updateStrategy")
                                .put("type", "RollingUpdate")
                                .putObject("rollingUpdate")
                                .put("maxUnavailable", "150%"),
                        "spec.updateStrategy.rollingUpdate.maxUnavailable",
                        "must not be greater than 100%"),
                rule(
                        "R6.5 maxUnavailable is not negative",
                        d -> spec(d).putObject("updateStrategy")
                                .put("type", "RollingUpdate")
                                .putObject("rollingUpdate")
                                .put("maxUnavailable", -1),
                        "spec.updateStrategy.rollingUpdate.maxUnavailable",
                        "must be greater than or equal to 0"),
                rule(
                        "R6.1 the name is a DNS subdomain",
                        d -> Json.child(d, "metadata").put("name", "Bad_Name"),
                        "metadata.name",
                        "a lowercase RFC 1123 subdomain"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDaemonSets")
    void anInvalidDaemonSetIsRejectedWithTheFieldPathAndNothingIsStored(
            String rule, Consumer<ObjectNode> breakIt, String field, String message) {
        ObjectNode d = ds("broken-" + Integer.toHexString(rule.hashCode()));
        breakIt.accept(d);
        String name = Json.child(d, "metadata").get("name").asString();
        Reply r = api.post(DS, d.toString());
        assertThat(r.code()).as(r.body()).isEqualTo(422);
        ObjectNode s = r.json();
        assertThat(s.at("/kind").asString()).isEqualTo("Status");
        assertThat(s.at("/reason").asString()).isEqualTo("Invalid");
        assertThat(s.at("/details/kind").asString()).isEqualTo("DaemonSet");
        assertThat(s.at("/details/group").asString()).isEqualTo("apps");
        assertThat(s.at("/message").asString())
                .startsWith("DaemonSet.apps \"" + name + "\" is invalid: ")
                .contains(field + ": ")
                .contains(message);
        assertThat(s.at("/details/causes")
                        .valueStream()
                        .map(c -> c.path("field").asString()))
                .contains(field);
        assertThat(api.exists(DS + "/" + name)).isFalse();
    }

    @Test
    void theSelectorIsImmutableOnUpdate() {
        ObjectNode created = api.create(DS, World.daemonSetJson("fixed"));
        ObjectNode changed = created.deepCopy();
        Json.child(Json.child(spec(changed), "selector"), "matchLabels").put("tier", "x");
        Json.child(Json.child(Json.child(spec(changed), "template"), "metadata"), "labels")
                .put("tier", "x");
        Reply r = api.put(DS + "/fixed", changed.toString());
        assertThat(r.code()).as(r.body()).isEqualTo(422);
        assertThat(r.json().at("/message").asString())
                .contains("spec.selector: Invalid value: ")
                .contains("field is immutable");
        assertThat(api.object(DS + "/fixed")).isEqualTo(created);
    }
}
