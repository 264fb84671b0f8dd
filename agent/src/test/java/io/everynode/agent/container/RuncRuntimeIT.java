package io.everynode.agent.container;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.ContainerRuntime.ExecResult;
import io.everynode.agent.ImagePullListener;
import io.everynode.agent.PullAttempt;
import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.RuntimePod;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runc runtime with real containers: needs root, runc, busybox-static and ip(8); skipped otherwise. */
class RuncRuntimeIT {
    @TempDir
    static Path images;

    private static BusyboxImage image;

    @TempDir
    Path root;

    private RuncRuntime runtime;
    private final LoopbackNetwork network = new LoopbackNetwork("en-it-");
    private final List<String> started = new ArrayList<>();

    @BeforeAll
    static void image() throws Exception {
        assumeTrue(
                RuncRuntime.unavailable("runc").isEmpty(),
                () -> RuncRuntime.unavailable("runc").orElse(""));
        assumeTrue(BusyboxImage.available(), "busybox-static (/bin/busybox) is needed for the test image");
        assumeTrue(RuncRuntime.find("ip") != null, "ip(8) is needed for the test pod network");
        image = new BusyboxImage(images);
    }

    @BeforeEach
    void start() {
        runtime = runtime(Clock.systemUTC());
    }

    private RuncRuntime runtime(Clock clock) {
        return new RuncRuntime(
                new RuncRuntime.Config(root, "node-1", "127.0.0.1", "runc"),
                image,
                network,
                clock,
                Duration.ofSeconds(10),
                Path.of("/sys/fs/cgroup"));
    }

    @AfterEach
    void stop() {
        if (runtime == null) return;
        for (String uid : started) runtime.removePod(uid);
        runtime.close();
        image.setMissing(Set.of());
    }

    private Pod pod(String name, List<Volume> volumes, Container... containers) {
        String uid = UUID.randomUUID().toString();
        started.add(uid);
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .withUid(uid)
                .endMetadata()
                .withNewSpec()
                .withVolumes(volumes)
                .withContainers(containers)
                .endSpec()
                .build();
    }

    /** A container running {@code script}; as in any pod spec, {@code $$} stands for one {@code $}. */
    private static ContainerBuilder sh(String script) {
        return new ContainerBuilder().withName("c").withImage("busybox").withCommand("sh", "-c", script);
    }

    private RuntimeContainer container(Pod p, String name) {
        RuntimePod rp = runtime.pod(p.getMetadata().getUid()).orElseThrow();
        return rp.containers().get(name);
    }

    private RuntimeContainer awaitState(Pod p, RuntimeContainer.State state) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            RuntimeContainer c = container(p, "c");
            assertEquals(state, c == null ? null : c.state(), () -> String.valueOf(c));
        });
        return container(p, "c");
    }

    private String log(Pod p) throws Exception {
        return io.everynode.agent.crilog.CriLines.text(
                runtime.logFile(p.getMetadata().getUid(), "c", false).orElseThrow());
    }

    private String logOrNone(Pod p) {
        try {
            return log(p);
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    @Test
    void aContainerRunsInItsOwnNamespacesWithThePodsNameAsHostname() throws Exception {
        Pod p = pod(
                "web-x1",
                List.of(),
                sh("hostname; echo pid=$$$$; exec sleep 1000").build());
        runtime.startContainer(p, p.getSpec().getContainers().get(0));
        RuntimeContainer c = awaitState(p, RuntimeContainer.State.RUNNING);
        assertTrue(c.id().startsWith("runc://"), c.id());
        assertEquals("test.local/busybox", c.image());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(log(p).contains("pid=1"), log(p)));
        assertTrue(log(p).startsWith("web-x1\n"), log(p));
        ExecResult hostname =
                runtime.exec(p.getMetadata().getUid(), "c", List.of("cat", "/etc/hostname"), Duration.ofSeconds(20));
        assertEquals(0, hostname.exitCode(), hostname.output());
        assertEquals("web-x1", hostname.output().trim());
        ExecResult ps =
                runtime.exec(p.getMetadata().getUid(), "c", List.of("ps", "-o", "pid,args"), Duration.ofSeconds(20));
        assertTrue(ps.output().contains("1 sleep 1000"), ps.output());
        assertEquals(
                "127.0.0.1", runtime.pod(p.getMetadata().getUid()).orElseThrow().podIP());
    }

    @Test
    void anExecThatTimesOutIsKilledInsideTheContainer() {
        Pod p = pod("probed", List.of(), sh("exec sleep 1000").build());
        runtime.startContainer(p, p.getSpec().getContainers().get(0));
        awaitState(p, RuntimeContainer.State.RUNNING);
        String uid = p.getMetadata().getUid();
        ExecResult slow = runtime.exec(uid, "c", List.of("sleep", "999"), Duration.ofSeconds(2));
        assertTrue(slow.timedOut());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ExecResult ps = runtime.exec(uid, "c", List.of("ps", "-o", "args"), Duration.ofSeconds(20));
            assertTrue(!ps.output().contains("sleep 999"), ps.output());
        });
    }

    @Test
    void theFsGroupOwnsEmptyDirAndConfigMapVolumesSoAnotherUserInItsGroupCanUseThem() throws Exception {
        Volume data = new VolumeBuilder()
                .withName("data")
                .withNewEmptyDir()
                .endEmptyDir()
                .build();
        Volume cfg = new VolumeBuilder()
                .withName("cfg")
                .withNewConfigMap()
                .withName("settings")
                .endConfigMap()
                .build();
        Pod p = pod(
                "grouped",
                List.of(data, cfg),
                sh("stat -c %g /data; touch /data/new && stat -c %g /data/new; stat -L -c %g /cfg/key;"
                                + " cat /cfg/key; exec sleep 1000")
                        .addNewVolumeMount()
                        .withName("data")
                        .withMountPath("/data")
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("cfg")
                        .withMountPath("/cfg")
                        .endVolumeMount()
                        .build());
        p.getSpec()
                .setSecurityContext(new io.fabric8.kubernetes.api.model.PodSecurityContextBuilder()
                        .withRunAsUser(1000L)
                        .withRunAsGroup(1000L)
                        .withFsGroup(2345L)
                        .build());
        runtime.writeVolumes(
                p,
                List.of(new io.everynode.agent.VolumeContent(
                        "cfg",
                        java.util.Map.of(
                                "key",
                                new io.everynode.agent.VolumeContent.File(
                                        "secret-ish\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0400)))));
        runtime.startContainer(p, p.getSpec().getContainers().get(0));
        awaitState(p, RuntimeContainer.State.RUNNING);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals("2345\n2345\n2345\nsecret-ish\n", log(p)));
    }

    @Test
    void aHostPathIsMountedReadOnlyAndNothingElseOfTheHostsFilesystemIsVisible() throws Exception {
        Path host = Files.createDirectories(root.resolve("host-logs"));
        Files.writeString(host.resolve("syslog"), "from the host\n");
        Volume v = new VolumeBuilder()
                .withName("logs")
                .withNewHostPath()
                .withPath(host.toString())
                .endHostPath()
                .build();
        Pod p = pod(
                "reader",
                List.of(v),
                sh("exec sleep 1000")
                        .addNewVolumeMount()
                        .withName("logs")
                        .withMountPath("/var/log")
                        .withReadOnly(true)
                        .endVolumeMount()
                        .build());
        runtime.startContainer(p, p.getSpec().getContainers().get(0));
        awaitState(p, RuntimeContainer.State.RUNNING);
        String uid = p.getMetadata().getUid();
        Duration t = Duration.ofSeconds(20);
        assertEquals(
                "from the host",
                runtime.exec(uid, "c", List.of("cat", "/var/log/syslog"), t)
                        .output()
                        .trim());
        ExecResult write = runtime.exec(uid, "c", List.of("touch", "/var/log/new"), t);
        assertNotEquals(0, write.exitCode(), write.output());
        assertTrue(write.output().contains("Read-only"), write.output());
        assertNotEquals(
                0,
                runtime.exec(uid, "c", List.of("test", "-e", host.toString()), t)
                        .exitCode());
        assertNotEquals(
                0, runtime.exec(uid, "c", List.of("test", "-e", "/work"), t).exitCode());
        assertNotEquals(
                0,
                runtime.exec(uid, "c", List.of("test", "-e", "/usr/lib/jvm"), t).exitCode());
    }

    @Test
    void aContainerOverItsMemoryLimitIsOOMKilledWith137() throws Exception {
        Pod p = pod(
                "hog",
                List.of(),
                sh("head -c 200000000 /dev/zero | tail")
                        .withNewResources()
                        .addToLimits("memory", new Quantity("20Mi"))
                        .endResources()
                        .build());
        runtime.startContainer(p, p.getSpec().getContainers().get(0));
        RuntimeContainer c = awaitState(p, RuntimeContainer.State.TERMINATED);
        assertEquals(137, c.exitCode(), () -> c + " " + logOrNone(p));
        assertEquals("OOMKilled", c.reason());
    }

    @Test
    void aPrivilegedContainerSeesTheHostsDevicesAndAnUnprivilegedOneDoesNot() {
        assumeTrue(Files.exists(Path.of("/dev/loop0")), "the host has no /dev/loop0 to look for");
        Pod priv = pod(
                "priv",
                List.of(),
                sh("exec sleep 1000")
                        .withNewSecurityContext()
                        .withPrivileged(true)
                        .endSecurityContext()
                        .build());
        Pod plain = pod("plain", List.of(), sh("exec sleep 1000").build());
        runtime.startContainer(priv, priv.getSpec().getContainers().get(0));
        runtime.startContainer(plain, plain.getSpec().getContainers().get(0));
        awaitState(priv, RuntimeContainer.State.RUNNING);
        awaitState(plain, RuntimeContainer.State.RUNNING);
        Duration t = Duration.ofSeconds(20);
        List<String> look = List.of("test", "-b", "/dev/loop0");
        assertEquals(0, runtime.exec(priv.getMetadata().getUid(), "c", look, t).exitCode());
        assertNotEquals(
                0, runtime.exec(plain.getMetadata().getUid(), "c", look, t).exitCode());
    }

    @Test
    void aStoppedContainerGetsSigtermFirstAndSigkillOnlyAtItsDeadline() throws Exception {
        Pod polite = pod(
                "polite",
                List.of(),
                sh("trap 'echo bye; exit 0' TERM; while :; do sleep 0.1; done").build());
        Pod stubborn = pod(
                "stubborn",
                List.of(),
                sh("trap '' TERM; while :; do sleep 0.1; done").build());
        runtime.startContainer(polite, polite.getSpec().getContainers().get(0));
        runtime.startContainer(stubborn, stubborn.getSpec().getContainers().get(0));
        awaitState(polite, RuntimeContainer.State.RUNNING);
        awaitState(stubborn, RuntimeContainer.State.RUNNING);
        runtime.stopContainer(polite.getMetadata().getUid(), "c", Duration.ofMinutes(5));
        runtime.stopPod(stubborn.getMetadata().getUid(), Duration.ofSeconds(1));
        RuntimeContainer a = awaitState(polite, RuntimeContainer.State.TERMINATED);
        assertEquals(0, a.exitCode());
        assertEquals("Completed", a.reason());
        assertTrue(log(polite).contains("bye"), log(polite));
        RuntimeContainer b = awaitState(stubborn, RuntimeContainer.State.TERMINATED);
        assertEquals(137, b.exitCode());
        assertEquals("Error", b.reason());
    }

    @Test
    void aRestartedRuntimeAdoptsTheRunningContainerAndLearnsHowItEnds() throws Exception {
        Pod p = pod(
                "kept",
                List.of(),
                sh("while [ ! -e /tmp/stop ]; do sleep 0.1; done; exit 3").build());
        runtime.startContainer(p, p.getSpec().getContainers().get(0));
        String id = awaitState(p, RuntimeContainer.State.RUNNING).id();
        runtime.close();
        runtime = runtime(Clock.systemUTC());
        RuntimePod adopted = runtime.adopt(p).orElseThrow();
        assertEquals(
                RuntimeContainer.State.RUNNING, adopted.containers().get("c").state());
        assertEquals(id, adopted.containers().get("c").id());
        String uid = p.getMetadata().getUid();
        assertEquals(
                0,
                runtime.exec(uid, "c", List.of("touch", "/tmp/stop"), Duration.ofSeconds(20))
                        .exitCode());
        RuntimeContainer c = awaitState(p, RuntimeContainer.State.TERMINATED);
        assertEquals(3, c.exitCode());
        assertEquals("Error", c.reason());
    }

    @Test
    void aPodHasEveryAddressOfItsNetworkWithTheFirstAsPodIPAlsoAfterAdoption() {
        Pod p = pod("addresses", List.of(), sh("exec sleep 1000").build());
        runtime.startContainer(p, p.getSpec().getContainers().get(0));
        awaitState(p, RuntimeContainer.State.RUNNING);
        RuntimePod rp = runtime.pod(p.getMetadata().getUid()).orElseThrow();
        assertEquals(List.of("127.0.0.1", "::1"), rp.podIPs());
        assertEquals("127.0.0.1", rp.podIP());

        runtime.close();
        runtime = runtime(Clock.systemUTC());
        assertEquals(List.of("127.0.0.1", "::1"), runtime.adopt(p).orElseThrow().podIPs());
    }

    @Test
    void theImagesOfEveryHeldContainerRunningOrExitedAreInUseUntilThePodIsRemoved() {
        Pod p = pod("images", List.of(), sh("exit 0").build());
        runtime.startContainer(p, p.getSpec().getContainers().get(0));
        RuntimeContainer c = awaitState(p, RuntimeContainer.State.TERMINATED);
        assertEquals(Set.of(c.imageID()), runtime.imageIDsInUse());
        runtime.removePod(p.getMetadata().getUid());
        assertEquals(Set.of(), runtime.imageIDsInUse());
    }

    @Test
    void aSweepAfterARestartRemovesThePodsThatWentWhileTheAgentWasDownAndKeepsTheAdoptedOnes() {
        Pod kept = pod("kept", List.of(), sh("exec sleep 1000").build());
        Pod gone = pod("gone", List.of(), sh("exec sleep 1000").build());
        Pod notYetAdopted = pod("later", List.of(), sh("exec sleep 1000").build());
        for (Pod p : List.of(kept, gone, notYetAdopted)) {
            runtime.startContainer(p, p.getSpec().getContainers().get(0));
            awaitState(p, RuntimeContainer.State.RUNNING);
        }
        String goneUid = gone.getMetadata().getUid();
        String goneId = container(gone, "c").id();
        assertTrue(network.hasNamespace(goneUid));

        runtime.close();
        runtime = runtime(Clock.systemUTC());
        runtime.adopt(kept).orElseThrow();
        runtime.sweep(Set.of(notYetAdopted.getMetadata().getUid()));

        assertTrue(!network.hasNamespace(goneUid), "the gone pod's network was removed");
        assertTrue(!Files.exists(root.resolve("pods").resolve(goneUid)), "the gone pod's directory was removed");
        Runc runc = new Runc("runc", root.resolve("runc").toAbsolutePath());
        assertTrue(
                runc.list().stream().noneMatch(id -> goneId.endsWith(id)),
                () -> runc.list().toString());
        assertTrue(network.hasNamespace(kept.getMetadata().getUid()));
        assertTrue(network.hasNamespace(notYetAdopted.getMetadata().getUid()));
        assertEquals(
                RuntimeContainer.State.RUNNING,
                runtime.adopt(notYetAdopted).orElseThrow().containers().get("c").state());
        assertEquals(RuntimeContainer.State.RUNNING, container(kept, "c").state());
    }

    @Test
    void removingEverythingAlsoEndsAContainerWhosePodDirectoryAnInterruptedRemovalTookAway() throws Exception {
        Pod a = pod("a", List.of(), sh("exec sleep 1000").build());
        Pod b = pod("b", List.of(), sh("exec sleep 1000").build());
        for (Pod p : List.of(a, b)) {
            runtime.startContainer(p, p.getSpec().getContainers().get(0));
            awaitState(p, RuntimeContainer.State.RUNNING);
        }
        // a new runtime (an agent that stopped mid-removal) that knows neither pod, and b's
        // directory gone as if its removal had got that far but not to the container
        runtime.close();
        runtime = runtime(Clock.systemUTC());
        Path bDir = root.resolve("pods").resolve(b.getMetadata().getUid());
        Path aside = root.resolve("aside");
        Files.move(bDir, aside);
        try {
            runtime.removeAll();
            Runc runc = new Runc("runc", root.resolve("runc").toAbsolutePath());
            assertEquals(List.of(), runc.list());
            assertTrue(
                    !Files.exists(root.resolve("pods").resolve(a.getMetadata().getUid())));
        } finally {
            Files.move(aside, bDir); // its mounts go with the removal after the test
        }
    }

    @Test
    void anImageThatCannotBePulledWaitsInErrImagePullThenImagePullBackOffAndStartsOnceItAppears() {
        runtime.close();
        ManualClock clock = new ManualClock();
        runtime = runtime(clock);
        List<String> tries = new java.util.concurrent.CopyOnWriteArrayList<>();
        runtime.setPullListener(new ImagePullListener() {
            @Override
            public void pulling(Pod pod, Container container) {}

            @Override
            public void tried(Pod pod, Container container, PullAttempt attempt, RuntimeContainer after) {
                tries.add(attempt.outcome() + " " + attempt.reason() + " -> " + after.state());
            }
        });
        image.setMissing(Set.of("busybox"));
        Pod p = pod("later", List.of(), sh("exec sleep 1000").build());
        runtime.startContainer(p, p.getSpec().getContainers().get(0));
        RuntimeContainer first = container(p, "c");
        assertEquals(RuntimeContainer.State.WAITING, first.state());
        assertEquals("ErrImagePull", first.reason());
        assertTrue(first.message().contains("not found"), first.message());
        clock.advance(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "ImagePullBackOff".equals(container(p, "c").reason()));
        image.setMissing(Set.of());
        clock.advance(Duration.ofSeconds(20));
        awaitState(p, RuntimeContainer.State.RUNNING);
        // Each try is told once, the retries too (from the runtime's watcher), with the source's reason.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(
                        List.of(
                                "FAILED ErrImagePull -> WAITING",
                                "FAILED ErrImagePull -> WAITING",
                                "PRESENT null -> RUNNING"),
                        tries));
    }
}
