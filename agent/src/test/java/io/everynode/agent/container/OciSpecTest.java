package io.everynode.agent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.everynode.api.json.Json;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciSpecTest {
    private static final PreparedImage IMAGE = new PreparedImage(
            "docker.io/fluent/fluent-bit:3.1",
            "docker.io/fluent/fluent-bit@sha256:abc",
            List.of(Path.of("/layers/1"), Path.of("/layers/2")),
            List.of("/fluent-bit/bin/fluent-bit"),
            List.of("-c", "/fluent-bit/etc/fluent-bit.conf"),
            Map.of("PATH", "/usr/bin:/bin"),
            "/fluent-bit",
            "");

    private static OciSpec.Inputs inputs(Map<String, String> env) {
        return new OciSpec.Inputs(
                env,
                0,
                0,
                Path.of("/data/pods/u1/containers/c/1/rootfs"),
                Path.of("/data/pods/u1/etc"),
                Path.of("/data/pods/u1/volumes"),
                Path.of("/var/run/netns/pod-u1"),
                Path.of("/data/pods/u1/ipc"),
                "/everynode/node-1-00000000/u1/c-1/ctr",
                new java.util.LinkedHashSet<>(io.everynode.agent.process.Capabilities.KNOWN));
    }

    private static Pod pod(Container c, boolean hostNetwork) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("fluent-bit-x7k2p")
                .withNamespace("logging")
                .withUid("u1")
                .endMetadata()
                .withNewSpec()
                .withHostNetwork(hostNetwork)
                .addNewVolume()
                .withName("varlog")
                .withNewHostPath()
                .withPath("/var/log")
                .endHostPath()
                .endVolume()
                .addNewVolume()
                .withName("buffer")
                .withNewEmptyDir()
                .withMedium("Memory")
                .withSizeLimit(new Quantity("64Mi"))
                .endEmptyDir()
                .endVolume()
                .addNewVolume()
                .withName("config")
                .withNewConfigMap()
                .withName("fluent-bit-config")
                .endConfigMap()
                .endVolume()
                .withContainers(c)
                .endSpec()
                .build();
    }

    private static Container fluentBit() {
        return new ContainerBuilder()
                .withName("fluent-bit")
                .withImage("fluent/fluent-bit:3.1")
                .withNewResources()
                .addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new Quantity("64Mi"))
                .addToLimits("cpu", new Quantity("500m"))
                .addToLimits("memory", new Quantity("128Mi"))
                .endResources()
                .addNewVolumeMount()
                .withName("varlog")
                .withMountPath("/var/log")
                .withReadOnly(true)
                .withMountPropagation("HostToContainer")
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("buffer")
                .withMountPath("/buffer")
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("config")
                .withMountPath("/fluent-bit/etc/")
                .endVolumeMount()
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .withAdd("DAC_READ_SEARCH")
                .endCapabilities()
                .endSecurityContext()
                .build();
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = OciSpecTest.class.getResourceAsStream("/container/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String pretty(Object node) {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    }

    @Test
    void aDaemonSetContainerGetsContainerdsDefaultsWithItsVolumesLimitsAndCapabilities() throws IOException {
        Map<String, String> env = new LinkedHashMap<>(IMAGE.env());
        env.put("HOSTNAME", "fluent-bit-x7k2p");
        Container c = fluentBit();
        assertEquals(golden("fluent-bit.json"), pretty(OciSpec.of(pod(c, false), c, IMAGE, inputs(env))));
    }

    @Test
    void aPrivilegedHostNetworkContainerSeesTheHostsDevicesAndKeepsTheNodesHostname() throws IOException {
        Container c = new ContainerBuilder()
                .withName("agent")
                .withImage("busybox")
                .withCommand("sh", "-c")
                .withArgs("echo $(GREETING)")
                .withNewSecurityContext()
                .withPrivileged(true)
                .endSecurityContext()
                .build();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GREETING", "hi");
        Pod p = pod(c, true);
        assertEquals(golden("privileged.json"), pretty(OciSpec.of(p, c, IMAGE, inputs(env))));
    }

    @Test
    void commandReplacesEntrypointAndCmdWhileArgsReplaceOnlyCmd() {
        Map<String, String> env = Map.of("X", "1");
        Container none = new ContainerBuilder().withName("c").build();
        Container args =
                new ContainerBuilder().withName("c").withArgs("-v", "$(X)").build();
        Container command =
                new ContainerBuilder().withName("c").withCommand("run").build();
        assertEquals(
                List.of("/fluent-bit/bin/fluent-bit", "-c", "/fluent-bit/etc/fluent-bit.conf"),
                OciSpec.args(none, IMAGE, env));
        assertEquals(List.of("/fluent-bit/bin/fluent-bit", "-v", "1"), OciSpec.args(args, IMAGE, env));
        assertEquals(List.of("run"), OciSpec.args(command, IMAGE, env));
    }

    @Test
    void aContainerGetsATerminalOnlyWithTtyAndStdinBoth() {
        Map<String, String> env = Map.of();
        Container both = new ContainerBuilder()
                .withName("c")
                .withCommand("sh")
                .withTty(true)
                .withStdin(true)
                .build();
        Container ttyOnly = new ContainerBuilder()
                .withName("c")
                .withCommand("sh")
                .withTty(true)
                .build();
        assertTrue(OciSpec.of(pod(both, false), both, IMAGE, inputs(env))
                .at("/process/terminal")
                .asBoolean());
        assertEquals(
                false,
                OciSpec.of(pod(ttyOnly, false), ttyOnly, IMAGE, inputs(env))
                        .at("/process/terminal")
                        .asBoolean());
    }

    @Test
    void runcRunsUnderScriptOnlyForATerminalAndTheWrapperGivesItTheStdinFifo() {
        Runc runc = new Runc("/usr/sbin/runc", Path.of("/data/runc"));
        List<String> plain = runc.runCommand(Path.of("/b"), "id", false);
        List<String> terminal = runc.runCommand(Path.of("/b"), "id", true);
        assertEquals("/usr/sbin/runc", plain.get(7));
        assertEquals(List.of("script", "--quiet", "--flush", "--return", "--command"), terminal.subList(7, 12));
        assertTrue(terminal.get(12).startsWith("'/usr/sbin/runc' '--root' '/data/runc' 'run'"), terminal.get(12));
        assertTrue(Runc.WRAPPER.contains("\"$@\" 0<>\"$d/stdin\""), Runc.WRAPPER);
    }

    @Test
    void anUnknownCapabilityNamesItsField() {
        Container c = new ContainerBuilder()
                .withName("c")
                .withCommand("true")
                .withNewSecurityContext()
                .withNewCapabilities()
                .withAdd("NET_ADMIN", "FLY")
                .endCapabilities()
                .endSecurityContext()
                .build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> OciSpec.of(pod(c, false), c, IMAGE, inputs(Map.of())));
        assertTrue(e.getMessage().contains("securityContext.capabilities.add[1]"), e.getMessage());
        assertTrue(e.getMessage().contains("FLY"), e.getMessage());
    }
}
