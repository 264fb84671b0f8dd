package io.everynode.agent.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.agent.container.PodNetwork.PortMapping;
import io.everynode.api.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PluginChainTest {
    @TempDir
    Path pluginDir;

    private final List<Call> calls = new ArrayList<>();
    private Function<Call, CommandRunner.Result> answer;
    private PluginChain chain;
    private final ObjectNode list =
            NetworkConfigList.of(new NetworkPlan("1a2b3c4d", "10.244.17.0/24"), Path.of("/d"), false);
    private final PluginChain.Pod pod = new PluginChain.Pod(
            "uid-1",
            Path.of("/var/run/netns/cni-1a2b3c4d-0123456789ab"),
            "default",
            "web",
            List.of(new PortMapping(8080, 80, "TCP", "")));

    record Call(String binary, Map<String, String> env, JsonNode stdin) {
        String type() {
            return Path.of(binary).getFileName().toString();
        }
    }

    @BeforeEach
    void plugins() throws Exception {
        for (String type : List.of("bridge", "portmap")) {
            Path p = Files.writeString(pluginDir.resolve(type), "#!/bin/sh\n");
            p.toFile().setExecutable(true);
        }
        answer = c -> new CommandRunner.Result(0, resultOf(c), "");
        CommandRunner runner = (command, env, stdin) -> {
            Call c = new Call(command.get(0), env, Json.parse(stdin));
            calls.add(c);
            return answer.apply(c);
        };
        chain = new PluginChain(runner, List.of(pluginDir.resolve("missing"), pluginDir));
    }

    /** bridge answers the golden result; portmap passes its prevResult through, as the real ones do. */
    private static String resultOf(Call c) {
        if (!c.env().get("CNI_COMMAND").equals("ADD")) {
            return "";
        }
        return c.type().equals("bridge")
                ? Json.string(Golden.json("bridge-result.json"))
                : Json.string(c.stdin().get("prevResult"));
    }

    @Test
    void addRunsThePluginsInOrderAsARuntimeDoesAndChainsTheirResults() {
        JsonNode result = chain.add(list, pod);

        assertThat(calls).extracting(Call::type).containsExactly("bridge", "portmap");
        Call bridge = calls.get(0);
        assertThat(bridge.binary()).isEqualTo(pluginDir.resolve("bridge").toString());
        assertThat(bridge.env())
                .containsEntry("CNI_COMMAND", "ADD")
                .containsEntry("CNI_CONTAINERID", "uid-1")
                .containsEntry("CNI_NETNS", "/var/run/netns/cni-1a2b3c4d-0123456789ab")
                .containsEntry("CNI_IFNAME", "eth0")
                .containsEntry("CNI_PATH", pluginDir.resolve("missing") + ":" + pluginDir)
                .containsEntry(
                        "CNI_ARGS",
                        "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web;K8S_POD_INFRA_CONTAINER_ID=uid-1");
        assertThat(bridge.stdin().has("prevResult")).isFalse();
        assertThat(calls.get(1).stdin().get("prevResult")).isEqualTo(Golden.json("bridge-result.json"));
        assertThat(calls.get(1)
                        .stdin()
                        .at("/runtimeConfig/portMappings/0/hostPort")
                        .asInt())
                .isEqualTo(8080);
        assertThat(result).isEqualTo(Golden.json("bridge-result.json"));
    }

    @Test
    void delRunsThePluginsInReverseWithTheCachedResultAndThePortsAgain() {
        JsonNode cached = Golden.json("bridge-result.json");

        chain.del(list, pod, cached);

        assertThat(calls).extracting(Call::type).containsExactly("portmap", "bridge");
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.env()).containsEntry("CNI_COMMAND", "DEL");
            assertThat(c.stdin().get("prevResult")).isEqualTo(cached);
        });
        assertThat(calls.get(0)
                        .stdin()
                        .at("/runtimeConfig/portMappings/0/containerPort")
                        .asInt())
                .isEqualTo(80);
    }

    @Test
    void delGoesOnPastAFailingPluginAndThrowsItsErrorAtTheEnd() {
        answer = c -> c.type().equals("portmap")
                ? new CommandRunner.Result(1, "", "iptables: resource busy")
                : new CommandRunner.Result(0, "", "");

        assertThatThrownBy(() -> chain.del(list, pod, null))
                .isInstanceOf(CniException.class)
                .hasMessage("CNI plugin portmap failed DEL for pod uid-1: iptables: resource busy");
        assertThat(calls).extracting(Call::type).containsExactly("portmap", "bridge");
    }

    @Test
    void aPluginsErrorResultIsSurfacedInWordsWithItsCodeAndDetails() {
        String error = Json.string(Golden.json("error-result.json"));
        answer = c -> new CommandRunner.Result(1, error, "");

        assertThatThrownBy(() -> chain.add(list, pod))
                .isInstanceOfSatisfying(
                        CniException.class, e -> assertThat(e.code()).isEqualTo(7))
                .hasMessage("CNI plugin bridge failed ADD for pod uid-1: failed to allocate for range 0"
                        + " (no IP addresses available in range set: 10.244.17.1-10.244.17.254)"
                        + " [code 7: invalid network configuration]");
        assertThat(calls).hasSize(1);
    }

    @Test
    void checkRunsThePluginsInOrderWithTheCachedResult() {
        chain.check(list, pod, Golden.json("bridge-result.json"));

        assertThat(calls).extracting(Call::type).containsExactly("bridge", "portmap");
        assertThat(calls).allSatisfy(c -> assertThat(c.env()).containsEntry("CNI_COMMAND", "CHECK"));
    }

    @Test
    void versionAnswersThePluginsSupportedVersions() {
        answer = c -> new CommandRunner.Result(
                0, "{\"cniVersion\":\"1.0.0\",\"supportedVersions\":[\"0.4.0\",\"1.0.0\"]}", "");

        assertThat(chain.supportedVersions("bridge")).containsExactly("0.4.0", "1.0.0");
        assertThat(calls.get(0).env()).containsEntry("CNI_COMMAND", "VERSION").doesNotContainKey("CNI_NETNS");
    }

    @Test
    void aMissingPluginIsNamedWithTheDirectoriesSearched() {
        assertThatThrownBy(() -> chain.binary("host-local"))
                .hasMessageContaining("CNI plugin host-local not found in " + pluginDir.resolve("missing"))
                .hasMessageContaining("containernetworking-plugins");
    }
}
