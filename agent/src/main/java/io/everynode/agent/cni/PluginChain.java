package io.everynode.agent.cni;

import io.everynode.agent.container.PodNetwork.PortMapping;
import io.everynode.api.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Executes a network configuration list as a container runtime does (CNI spec 1.0): each plugin
 * is the binary named by its {@code type} in the first plugin directory that has it, run with
 * {@code CNI_COMMAND}, {@code CNI_CONTAINERID}, {@code CNI_NETNS}, {@code CNI_IFNAME},
 * {@code CNI_PATH} and {@code CNI_ARGS} in its environment and its configuration on standard
 * input. ADD runs the plugins in order, each one's result the next one's {@code prevResult};
 * CHECK runs them in order and DEL in reverse, both with the cached result of the ADD.
 */
final class PluginChain {
    /** Plugins call iptables and friends through PATH; nothing else of the agent's environment leaks in. */
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    static final String IFNAME = "eth0";

    private final CommandRunner runner;
    private final List<Path> pluginDirs;

    PluginChain(CommandRunner runner, List<Path> pluginDirs) {
        this.runner = runner;
        this.pluginDirs = List.copyOf(pluginDirs);
    }

    /** One pod's side of an invocation. */
    record Pod(String containerId, Path netns, String namespace, String name, List<PortMapping> ports) {
        Pod {
            ports = List.copyOf(ports);
        }
    }

    /** Runs ADD through the list; answers the last plugin's result. */
    JsonNode add(ObjectNode list, Pod pod) {
        JsonNode prev = null;
        for (int i = 0; i < NetworkConfigList.plugins(list).size(); i++) {
            ObjectNode in = NetworkConfigList.pluginInput(list, i, prev, pod.ports());
            prev = invoke("ADD", in, pod);
            if (prev == null) {
                throw CniException.of(
                        in.path("type").asString(), "ADD", pod.containerId(), null, "it printed no result");
            }
        }
        return prev;
    }

    /** Runs CHECK through the list with the cached result; throws the first failure. */
    void check(ObjectNode list, Pod pod, JsonNode cached) {
        for (int i = 0; i < NetworkConfigList.plugins(list).size(); i++) {
            invoke("CHECK", NetworkConfigList.pluginInput(list, i, cached, pod.ports()), pod);
        }
    }

    /**
     * Runs DEL through the list in reverse order. Every plugin runs even when one before it failed
     * (each releases what it holds); the first failure is thrown at the end.
     *
     * @param cached the ADD's result, null when there is none (a half-made network)
     */
    void del(ObjectNode list, Pod pod, JsonNode cached) {
        CniException first = null;
        for (int i = NetworkConfigList.plugins(list).size() - 1; i >= 0; i--) {
            try {
                invoke("DEL", NetworkConfigList.pluginInput(list, i, cached, pod.ports()), pod);
            } catch (CniException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The plugin's answer to VERSION: its {@code supportedVersions}. */
    List<String> supportedVersions(String type) {
        ObjectNode in = Json.object();
        in.put("cniVersion", NetworkConfigList.CNI_VERSION);
        CommandRunner.Result r = runner.run(
                List.of(binary(type).toString()), env("VERSION", new Pod("", null, "", "", List.of())), bytes(in));
        JsonNode out = parse(r.stdout());
        if (!r.ok() || out == null) {
            throw CniException.of(type, "VERSION", "-", out, r.stderr());
        }
        List<String> versions = new ArrayList<>();
        out.path("supportedVersions").forEach(v -> versions.add(v.asString()));
        return versions;
    }

    /** The binary for a plugin type, from the first directory that has it. */
    Path binary(String type) {
        for (Path dir : pluginDirs) {
            Path p = dir.resolve(type);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("CNI plugin " + type + " not found in " + cniPath()
                + " (Debian installs them with the package containernetworking-plugins)");
    }

    private JsonNode invoke(String command, ObjectNode in, Pod pod) {
        String type = in.path("type").asString();
        CommandRunner.Result r = runner.run(List.of(binary(type).toString()), env(command, pod), bytes(in));
        JsonNode out = parse(r.stdout());
        if (!r.ok()) {
            throw CniException.of(type, command, pod.containerId(), out, r.stderr());
        }
        return out;
    }

    private Map<String, String> env(String command, Pod pod) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        if (!command.equals("VERSION")) {
            env.put("CNI_CONTAINERID", pod.containerId());
            env.put("CNI_NETNS", pod.netns().toString());
            env.put("CNI_IFNAME", IFNAME);
            env.put(
                    "CNI_ARGS",
                    "IgnoreUnknown=1;K8S_POD_NAMESPACE=" + pod.namespace() + ";K8S_POD_NAME=" + pod.name()
                            + ";K8S_POD_INFRA_CONTAINER_ID=" + pod.containerId());
        }
        env.put("CNI_PATH", cniPath());
        env.put("PATH", PATH);
        return env;
    }

    private String cniPath() {
        return pluginDirs.stream().map(Path::toString).collect(Collectors.joining(":"));
    }

    private static byte[] bytes(ObjectNode in) {
        return Json.string(in).getBytes(StandardCharsets.UTF_8);
    }

    /** The output as JSON, or null when it is empty or not JSON. */
    private static JsonNode parse(String stdout) {
        if (stdout == null || stdout.isBlank()) {
            return null;
        }
        try {
            return Json.parse(stdout.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
