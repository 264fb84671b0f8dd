package io.everynode.agent.process;

import static io.everynode.agent.process.ProcessTestSupport.container;
import static io.everynode.agent.process.ProcessTestSupport.log;
import static io.everynode.agent.process.ProcessTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.ContainerRuntime;
import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.RuntimeContainer.State;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * securityContext on real processes: what the container sees in /proc/self/status, what it can
 * write, and what is refused. Needs root and util-linux (setpriv, unshare, nsenter).
 */
class ProcessRuntimeSecurityContextIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** containerd's default set: CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP. */
    private static final String DEFAULT_CAPS = "00000000a80425fb";

    private static final String STATUS =
            "grep -E '^(Uid|Gid|Groups|CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs):' /proc/self/status; ";

    @TempDir
    Path dir;

    private final String node = ProcessTestSupport.uniqueNode();
    private ProcessRuntime rt;
    private Path volume;
    private final List<Pod> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        ProcessTestSupport.assumeProcesses();
        assumeTrue(
                SecurityContextPlan.Host.current().isolates(), "needs root with setpriv, unshare, mount and nsenter");
        // Another user must reach the mount points under the test's directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        volume = Files.createDirectories(dir.resolve("data"));
        rt = ProcessTestSupport.runtime(dir, node);
    }

    @AfterEach
    void tearDown() {
        if (rt == null) return;
        for (Pod p : started) rt.removePod(p.getMetadata().getUid());
        rt.close();
    }

    private Pod start(PodSecurityContext psc, SecurityContext csc, String script) {
        Container c = new ContainerBuilder()
                .withName("main")
                .withImage("busybox:1.36")
                .withCommand("sh", "-c", script)
                .withSecurityContext(csc)
                .withVolumeMounts(new VolumeMountBuilder()
                        .withName("scratch")
                        .withMountPath(volume.toString())
                        .build())
                .build();
        Pod p = new PodBuilder()
                .withNewMetadata()
                .withName("sec")
                .withNamespace("default")
                .withUid(UUID.randomUUID().toString())
                .endMetadata()
                .withNewSpec()
                .withNodeName("n")
                .withSecurityContext(psc)
                .withContainers(c)
                .withVolumes(new VolumeBuilder()
                        .withName("scratch")
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .build())
                .endSpec()
                .build();
        started.add(p);
        rt.startContainer(p, c);
        return p;
    }

    private String finished(Pod p) {
        await().atMost(WAIT).until(() -> state(rt, p, "main") == State.TERMINATED);
        return log(rt, p, "main", false);
    }

    @Test
    void withoutSecurityContextAContainerRunsAsRootWithTheDefaultCapabilitiesAsPidTwoUnderItsOwnInit() {
        String out = finished(start(null, null, STATUS + "echo pid=$$$$; tr '\\0' ' ' < /proc/1/cmdline; echo"));

        assertThat(out)
                .contains(
                        "Uid:\t0\t0\t0\t0",
                        "CapEff:\t" + DEFAULT_CAPS,
                        "CapBnd:\t" + DEFAULT_CAPS,
                        "CapInh:\t0000000000000000",
                        "CapAmb:\t0000000000000000",
                        "NoNewPrivs:\t0",
                        "pid=2\n",
                        "everynode-init");
    }

    @Test
    void theIssuesSecurityContextRunsAsUid1000WithoutCapabilitiesAndWritesOnlyToItsVolume() {
        Path hostFile = Path.of("/tmp", "everynode-secctx-" + UUID.randomUUID());
        SecurityContext issue = new SecurityContextBuilder()
                .withRunAsUser(1000L)
                .withRunAsNonRoot(true)
                .withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .build();

        Pod p = start(
                null,
                issue,
                STATUS
                        + "touch " + hostFile + " && echo wrote-tmp; "
                        + "touch /etc/everynode-secctx && echo wrote-etc; "
                        + "cat /etc/shadow > /dev/null && echo read-shadow; "
                        + "echo hi > " + volume + "/f && echo wrote-volume; echo end");
        String out = finished(p);

        assertThat(out)
                .contains(
                        "Uid:\t1000\t1000\t1000\t1000",
                        "Gid:\t0\t0\t0\t0",
                        "CapEff:\t0000000000000000",
                        "CapPrm:\t0000000000000000",
                        "CapBnd:\t0000000000000000",
                        "CapInh:\t0000000000000000",
                        "CapAmb:\t0000000000000000",
                        "NoNewPrivs:\t1",
                        "wrote-volume",
                        "end")
                .doesNotContain("wrote-tmp", "wrote-etc", "read-shadow");
        assertThat(hostFile).doesNotExist();
        assertThat(Path.of("/etc/everynode-secctx")).doesNotExist();
        assertThat(container(rt, p, "main").exitCode()).isZero();
    }

    @Test
    void aReadOnlyRootFilesystemStopsEvenRootFromWritingOutsideItsVolumes() {
        Path hostFile = Path.of("/tmp", "everynode-secctx-" + UUID.randomUUID());
        String out = finished(start(
                null,
                new SecurityContextBuilder().withReadOnlyRootFilesystem(true).build(),
                "touch " + hostFile + " || echo tmp-refused; touch /etc/everynode-secctx || echo etc-refused; "
                        + "echo hi > " + volume + "/f && echo wrote-volume; echo shm > /dev/shm/x && echo wrote-shm"));

        assertThat(out).contains("Read-only file system", "tmp-refused", "etc-refused", "wrote-volume", "wrote-shm");
        assertThat(hostFile).doesNotExist();
    }

    @Test
    void thePodsSecurityContextMergesWithTheContainersAndTheContainerWins() {
        PodSecurityContext pod = new PodSecurityContextBuilder()
                .withRunAsUser(2000L)
                .withRunAsGroup(3000L)
                .withFsGroup(5000L)
                .withSupplementalGroups(4000L)
                .build();
        String out = finished(start(
                pod,
                new SecurityContextBuilder().withRunAsUser(1000L).build(),
                STATUS + "touch " + volume + "/made && stat -c 'volume-file-group=%g' " + volume + "/made"));

        assertThat(out)
                .contains(
                        "Uid:\t1000\t1000\t1000\t1000",
                        "Gid:\t3000\t3000\t3000\t3000",
                        "Groups:\t4000 5000",
                        "volume-file-group=5000");
    }

    @Test
    void addedAndDroppedCapabilitiesShapeTheBoundingSetAndPrivilegedKeepsThemAll() throws Exception {
        String out = finished(start(
                null,
                new SecurityContextBuilder()
                        .withNewCapabilities()
                        .withAdd("NET_ADMIN")
                        .withDrop("ALL")
                        .endCapabilities()
                        .build(),
                STATUS));
        assertThat(out).contains("CapBnd:\t0000000000001000", "CapEff:\t0000000000001000");

        String all = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapBnd:"))
                .findFirst()
                .orElseThrow();
        rt.removePod(started.remove(0).getMetadata().getUid());
        assertThat(finished(start(
                        null, new SecurityContextBuilder().withPrivileged(true).build(), STATUS)))
                .contains(all);
    }

    @Test
    void runAsNonRootOnARootCommandIsRefusedWithTheKubeletsMessage() {
        Pod p = start(new PodSecurityContextBuilder().withRunAsNonRoot(true).build(), null, "echo should-not-run");

        RuntimeContainer c = container(rt, p, "main");
        assertThat(c.state()).isEqualTo(State.WAITING);
        assertThat(c.reason()).isEqualTo("CreateContainerConfigError");
        assertThat(c.message())
                .isEqualTo("container has runAsNonRoot and image will run as root (pod: \"sec_default("
                        + p.getMetadata().getUid() + ")\", container: main)");
        assertThat(rt.logFile(p.getMetadata().getUid(), "main", false)).isEmpty();
    }

    @Test
    void aFieldTheRuntimeCannotEnforceKeepsTheContainerFromStartingAndNamesIt() {
        Pod p = start(
                null,
                new SecurityContextBuilder()
                        .withNewSeccompProfile()
                        .withType("RuntimeDefault")
                        .endSeccompProfile()
                        .build(),
                "echo should-not-run");

        RuntimeContainer c = container(rt, p, "main");
        assertThat(c.reason()).isEqualTo("CreateContainerConfigError");
        assertThat(c.message())
                .startsWith(
                        "spec.containers[0].securityContext.seccompProfile.type cannot be enforced on this process node");
    }

    @Test
    void anExecRunsAsTheContainersUserInsideItsNamespaces() {
        Pod p = start(null, new SecurityContextBuilder().withRunAsUser(1000L).build(), "sleep 60");
        await().atMost(WAIT).until(() -> state(rt, p, "main") == State.RUNNING);

        ContainerRuntime.ExecResult r = rt.exec(
                p.getMetadata().getUid(),
                "main",
                List.of("sh", "-c", "id -u; tr '\\0' ' ' < /proc/1/cmdline; echo; grep NoNewPrivs /proc/self/status"),
                WAIT);

        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).startsWith("1000\n").contains("everynode-init");
    }

    @Test
    void sigtermReachesTheCommandThroughItsInitAndItsExitCodeIsTheContainers() {
        Pod p = start(null, null, "trap 'echo got-term; exit 3' TERM; echo up; while :; do sleep 0.1; done");
        await().atMost(WAIT).until(() -> log(rt, p, "main", false).contains("up"));

        rt.stopPod(p.getMetadata().getUid(), Duration.ofMinutes(5));

        await().atMost(WAIT).until(() -> state(rt, p, "main") == State.TERMINATED);
        assertThat(container(rt, p, "main").exitCode()).isEqualTo(3);
        assertThat(log(rt, p, "main", false)).contains("got-term");
    }

    @Test
    void hostPidKeepsTheNodesPidNamespace() {
        Container c = ProcessTestSupport.sh("main", "tr '\\0' ' ' < /proc/1/cmdline; echo; echo pid=$$$$");
        Pod p = new PodBuilder(ProcessTestSupport.pod("hostpid", c))
                .editSpec()
                .withHostPID(true)
                .endSpec()
                .build();
        started.add(p);
        rt.startContainer(p, c);

        String out = finished(p);
        assertThat(out).doesNotContain("everynode-init").containsPattern("pid=[0-9]{2,}");
    }

    @Test
    void anEntrypointTheUserCannotReachEndsTheContainerSayingWhichDirectoryStopsIt() throws Exception {
        Path hidden = Files.createDirectories(dir.resolve("hidden"));
        Files.setPosixFilePermissions(hidden, PosixFilePermissions.fromString("rwx------"));
        Path tool = hidden.resolve("tool");
        Files.writeString(tool, "#!/bin/sh\necho ran\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Container c = new ContainerBuilder()
                .withName("main")
                .withImage("busybox:1.36")
                .withCommand(tool.toString())
                .withSecurityContext(
                        new SecurityContextBuilder().withRunAsUser(1000L).build())
                .build();
        Pod q = new PodBuilder(ProcessTestSupport.pod("reach", c)).build();
        started.add(q);
        rt.startContainer(q, c);

        RuntimeContainer rc = container(rt, q, "main");
        assertThat(rc.reason()).isEqualTo("StartError");
        assertThat(rc.message())
                .isEqualTo("exec: \"" + tool + "\": permission denied: uid 1000 cannot search " + hidden
                        + " (mode 0700, owner 0:0)");
    }

    @Test
    void aNodeThatCannotIsolateRunsContainersAsBeforeAndRefusesAReadOnlyRoot() throws Exception {
        rt.close();
        rt = new ProcessRuntime(
                ProcessRuntime.Config.of(dir.resolve("root2"), dir.resolve("images"), node),
                java.time.Clock.systemUTC(),
                Duration.ofMillis(300),
                Path.of("/sys/fs/cgroup"),
                new SecurityContextPlan.Host(false, 0, 0));
        String all = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapBnd:"))
                .findFirst()
                .orElseThrow();

        String out = finished(start(null, null, STATUS));
        assertThat(out).contains("Uid:\t0\t0\t0\t0", all);

        Pod refused = start(
                null,
                new SecurityContextBuilder().withReadOnlyRootFilesystem(true).build(),
                "echo should-not-run");
        assertThat(container(rt, refused, "main").reason()).isEqualTo("CreateContainerConfigError");
        assertThat(container(rt, refused, "main").message())
                .startsWith(
                        "spec.containers[0].securityContext.readOnlyRootFilesystem cannot be enforced on this process node");
    }
}
