package io.everynode.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The plan as data: pod and container securityContext in, setpriv and unshare arguments or a refusal out. */
class SecurityContextPlanTest {
    static final SecurityContextPlan.Host ROOT = new SecurityContextPlan.Host(true, 0, 0);
    static final SecurityContextPlan.Host PLAIN_USER = new SecurityContextPlan.Host(false, 1500, 1500);
    static final String DEFAULT_BOUNDING =
            "--bounding-set=-all,+chown,+dac_override,+fowner,+fsetid,+kill,+setgid,+setuid,+setpcap,"
                    + "+net_bind_service,+net_raw,+sys_chroot,+mknod,+audit_write,+setfcap";

    static Pod pod(PodSecurityContext psc, SecurityContext csc) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace("shop")
                .withUid("u-1")
                .endMetadata()
                .withNewSpec()
                .withSecurityContext(psc)
                .withContainers(
                        new ContainerBuilder().withName("side").build(),
                        new ContainerBuilder()
                                .withName("main")
                                .withImage("x:1")
                                .withSecurityContext(csc)
                                .build())
                .endSpec()
                .build();
    }

    static SecurityContextPlan plan(Pod pod) throws SecurityContextPlan.Refusal {
        return SecurityContextPlan.of(pod, main(pod), ROOT);
    }

    static Container main(Pod pod) {
        return pod.getSpec().getContainers().get(1);
    }

    static Stream<Arguments> setprivArguments() {
        return Stream.of(
                Arguments.of(
                        "no securityContext: root with the runtime's default capabilities",
                        null,
                        null,
                        List.of(
                                "setpriv",
                                "--reuid=0",
                                "--regid=0",
                                "--clear-groups",
                                "--inh-caps=-all",
                                "--ambient-caps=-all",
                                DEFAULT_BOUNDING,
                                "--")),
                Arguments.of(
                        "the issue's securityContext",
                        null,
                        new SecurityContextBuilder()
                                .withRunAsUser(1000L)
                                .withRunAsNonRoot(true)
                                .withReadOnlyRootFilesystem(true)
                                .withAllowPrivilegeEscalation(false)
                                .withNewCapabilities()
                                .withDrop("ALL")
                                .endCapabilities()
                                .build(),
                        List.of(
                                "setpriv",
                                "--reuid=1000",
                                "--regid=0",
                                "--clear-groups",
                                "--inh-caps=-all",
                                "--ambient-caps=-all",
                                "--bounding-set=-all",
                                "--nnp",
                                "--")),
                Arguments.of(
                        "the container's user wins over the pod's; groups are fsGroup then supplementalGroups",
                        new PodSecurityContextBuilder()
                                .withRunAsUser(2000L)
                                .withRunAsGroup(3000L)
                                .withFsGroup(5000L)
                                .withSupplementalGroups(4000L, 5000L)
                                .build(),
                        new SecurityContextBuilder().withRunAsUser(1000L).build(),
                        List.of(
                                "setpriv",
                                "--reuid=1000",
                                "--regid=3000",
                                "--groups=5000,4000",
                                "--inh-caps=-all",
                                "--ambient-caps=-all",
                                DEFAULT_BOUNDING,
                                "--")),
                Arguments.of(
                        "add ALL then drop one",
                        null,
                        new SecurityContextBuilder()
                                .withNewCapabilities()
                                .withAdd("ALL")
                                .withDrop("chown", "CAP_SYS_ADMIN")
                                .endCapabilities()
                                .build(),
                        List.of(
                                "setpriv",
                                "--reuid=0",
                                "--regid=0",
                                "--clear-groups",
                                "--inh-caps=-all",
                                "--ambient-caps=-all",
                                "--bounding-set=-all,"
                                        + String.join(
                                                ",",
                                                Capabilities.KNOWN.stream()
                                                        .filter(c -> !c.equals("CHOWN") && !c.equals("SYS_ADMIN"))
                                                        .map(c -> "+" + c.toLowerCase())
                                                        .toList()),
                                "--")),
                Arguments.of(
                        "drop ALL then add one",
                        null,
                        new SecurityContextBuilder()
                                .withNewCapabilities()
                                .withAdd("NET_ADMIN")
                                .withDrop("ALL")
                                .endCapabilities()
                                .build(),
                        List.of(
                                "setpriv",
                                "--reuid=0",
                                "--regid=0",
                                "--clear-groups",
                                "--inh-caps=-all",
                                "--ambient-caps=-all",
                                "--bounding-set=-all,+net_admin",
                                "--")),
                Arguments.of(
                        "privileged keeps every capability",
                        null,
                        new SecurityContextBuilder().withPrivileged(true).build(),
                        List.of(
                                "setpriv",
                                "--reuid=0",
                                "--regid=0",
                                "--clear-groups",
                                "--inh-caps=-all",
                                "--ambient-caps=-all",
                                "--")),
                Arguments.of(
                        "seccomp and AppArmor Unconfined need nothing",
                        new PodSecurityContextBuilder()
                                .withNewSeccompProfile()
                                .withType("Unconfined")
                                .endSeccompProfile()
                                .build(),
                        new SecurityContextBuilder()
                                .withNewAppArmorProfile()
                                .withType("Unconfined")
                                .endAppArmorProfile()
                                .build(),
                        List.of(
                                "setpriv",
                                "--reuid=0",
                                "--regid=0",
                                "--clear-groups",
                                "--inh-caps=-all",
                                "--ambient-caps=-all",
                                DEFAULT_BOUNDING,
                                "--")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setprivArguments")
    void theSecurityContextBecomesSetprivArguments(
            String what, PodSecurityContext psc, SecurityContext csc, List<String> args) throws Exception {
        assertThat(Isolation.setpriv(plan(pod(psc, csc)))).containsExactlyElementsOf(args);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(
                        new PodSecurityContextBuilder().withRunAsNonRoot(true).build(),
                        null,
                        "container has runAsNonRoot and image will run as root (pod: \"web_shop(u-1)\", container: main)"),
                Arguments.of(
                        null,
                        new SecurityContextBuilder()
                                .withRunAsNonRoot(true)
                                .withRunAsUser(0L)
                                .build(),
                        "container's runAsUser breaks non-root policy (pod: \"web_shop(u-1)\", container: main)"),
                Arguments.of(
                        new PodSecurityContextBuilder()
                                .withNewSeLinuxOptions()
                                .withLevel("s0:c1")
                                .endSeLinuxOptions()
                                .build(),
                        null,
                        "spec.securityContext.seLinuxOptions cannot be enforced on this process node: the process runtime applies no SELinux labels"),
                Arguments.of(
                        new PodSecurityContextBuilder()
                                .withNewSeccompProfile()
                                .withType("Unconfined")
                                .endSeccompProfile()
                                .build(),
                        new SecurityContextBuilder()
                                .withNewSeccompProfile()
                                .withType("RuntimeDefault")
                                .endSeccompProfile()
                                .build(),
                        "spec.containers[1].securityContext.seccompProfile.type cannot be enforced on this process node: RuntimeDefault:"
                                + " the process runtime loads no seccomp filters (only Unconfined runs)"),
                Arguments.of(
                        null,
                        new SecurityContextBuilder()
                                .withNewAppArmorProfile()
                                .withType("Localhost")
                                .withLocalhostProfile("p")
                                .endAppArmorProfile()
                                .build(),
                        "spec.containers[1].securityContext.appArmorProfile.type cannot be enforced on this process node: Localhost:"
                                + " the process runtime applies no AppArmor profiles (only Unconfined runs)"),
                Arguments.of(
                        new PodSecurityContextBuilder()
                                .addNewSysctl("net.core.somaxconn", "1024")
                                .build(),
                        null,
                        "spec.securityContext.sysctls cannot be enforced on this process node: the process runtime sets no sysctls:"
                                + " a pod shares the node's kernel and network"),
                Arguments.of(
                        null,
                        new SecurityContextBuilder()
                                .withNewWindowsOptions()
                                .withRunAsUserName("admin")
                                .endWindowsOptions()
                                .build(),
                        "spec.containers[1].securityContext.windowsOptions cannot be enforced on this process node: Windows options do not"
                                + " apply on a Linux node"),
                Arguments.of(
                        null,
                        new SecurityContextBuilder()
                                .withNewCapabilities()
                                .withAdd("NET_ADMIN", "FLY")
                                .endCapabilities()
                                .build(),
                        "spec.containers[1].securityContext.capabilities.add[1]: unknown capability \"FLY\""));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void aFieldTheRuntimeCannotEnforceIsRefusedWithAMessageNamingIt(
            PodSecurityContext psc, SecurityContext csc, String message) {
        assertThatThrownBy(() -> plan(pod(psc, csc)))
                .isInstanceOf(SecurityContextPlan.Refusal.class)
                .hasMessage(message);
    }

    @Test
    void userNamespacesAndASharedPidNamespaceAreRefused() {
        Pod users = new PodBuilder(pod(null, null))
                .editSpec()
                .withHostUsers(false)
                .endSpec()
                .build();
        assertThatThrownBy(() -> plan(users))
                .hasMessageStartingWith("spec.hostUsers cannot be enforced on this process node");
        Pod shared = new PodBuilder(pod(null, null))
                .editSpec()
                .withShareProcessNamespace(true)
                .endSpec()
                .build();
        assertThatThrownBy(() -> plan(shared))
                .hasMessageStartingWith("spec.shareProcessNamespace cannot be enforced on this process node");
    }

    @Test
    void aContainerGetsPidAndIpcNamespacesAndMaskedProcUnlessThePodSharesTheNodes() throws Exception {
        Path d = Path.of("/state/pods/u-1/main/1");
        SecurityContextPlan own = plan(pod(
                null,
                new SecurityContextBuilder().withReadOnlyRootFilesystem(true).build()));
        assertThat(Isolation.markers(own)).containsExactly("pid", "ipc", "mask", "ro");
        assertThat(Isolation.containerPrefix(own, d))
                .startsWith(
                        "unshare",
                        "--mount",
                        "--propagation",
                        "private",
                        "--pid",
                        "--fork",
                        "--kill-child",
                        "--ipc",
                        "sh",
                        "-c",
                        Isolation.INIT_SCRIPT,
                        "everynode-init",
                        d.toString(),
                        Isolation.PREPARE_SCRIPT,
                        "setpriv")
                .endsWith("--");

        Pod shared = new PodBuilder(pod(
                        null,
                        new SecurityContextBuilder().withProcMount("Unmasked").build()))
                .editSpec()
                .withHostPID(true)
                .withHostIPC(true)
                .endSpec()
                .build();
        SecurityContextPlan host = SecurityContextPlan.of(shared, main(shared), ROOT);
        assertThat(Isolation.markers(host)).isEmpty();
        assertThat(Isolation.containerPrefix(host, d))
                .startsWith("unshare", "--mount", "--propagation", "private", "sh", "-c");
    }

    @Test
    void anExecEntersTheNamespacesOfTheContainersCommandAndDropsAsItDid() throws Exception {
        SecurityContextPlan p =
                plan(pod(null, new SecurityContextBuilder().withRunAsUser(1000L).build()));
        assertThat(Isolation.execPrefix(p, 4242, "/work"))
                .startsWith("nsenter", "-t", "4242", "-m", "-p", "-i", "--wdns=/work", "--", "setpriv", "--reuid=1000");
        assertThat(Isolation.execPrefix(p, 4242, null)).contains("--wd").doesNotContain("--wdns=/work");
    }

    @Test
    void aNodeThatCannotIsolateRunsAsTheAgentAndRefusesWhatNeedsPrivilege() throws Exception {
        Pod plain = pod(
                null,
                new SecurityContextBuilder().withAllowPrivilegeEscalation(false).build());
        SecurityContextPlan p = SecurityContextPlan.of(plain, main(plain), PLAIN_USER);
        assertThat(p.uid()).isEqualTo(1500);
        assertThat(Isolation.containerPrefix(p, Path.of("/d"))).containsExactly("setpriv", "--nnp", "--");
        assertThat(Isolation.markers(p)).isEmpty();

        Pod other = pod(null, new SecurityContextBuilder().withRunAsUser(1000L).build());
        assertThatThrownBy(() -> SecurityContextPlan.of(other, main(other), PLAIN_USER))
                .hasMessageStartingWith(
                        "spec.containers[1].securityContext.runAsUser cannot be enforced on this process node:")
                .hasMessageContaining("uid 1500");
        Pod readOnly = pod(
                null,
                new SecurityContextBuilder().withReadOnlyRootFilesystem(true).build());
        assertThatThrownBy(() -> SecurityContextPlan.of(readOnly, main(readOnly), PLAIN_USER))
                .hasMessageStartingWith("spec.containers[1].securityContext.readOnlyRootFilesystem cannot be enforced");
        Pod nonRoot = pod(new PodSecurityContextBuilder().withRunAsNonRoot(true).build(), null);
        assertThat(SecurityContextPlan.of(nonRoot, main(nonRoot), PLAIN_USER).uid())
                .as("the agent's own uid is not root")
                .isEqualTo(1500);
    }

    @Test
    void aCapabilityTheAgentItselfLacksIsRefusedRatherThanLeftOut() throws Exception {
        SecurityContextPlan.Host lacking = new SecurityContextPlan.Host(true, 0, 0, Capabilities.DEFAULT);
        Pod p = pod(
                null,
                new SecurityContextBuilder()
                        .withNewCapabilities()
                        .withAdd("KILL", "SYS_ADMIN")
                        .endCapabilities()
                        .build());

        assertThatThrownBy(() -> SecurityContextPlan.of(p, main(p), lacking))
                .hasMessage(
                        "spec.containers[1].securityContext.capabilities"
                                + ".add[1] cannot be enforced on this process node: the agent itself lacks CAP_SYS_ADMIN, so no container can have it");
    }

    @Test
    void theAgentsBoundingSetIsReadFromProcStatus(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path status =
                java.nio.file.Files.writeString(dir.resolve("status"), "Name:\tjava\nCapBnd:\t00000000a80425fb\n");
        assertThat(Capabilities.bounding(status)).isEqualTo(Capabilities.DEFAULT);
    }
}
