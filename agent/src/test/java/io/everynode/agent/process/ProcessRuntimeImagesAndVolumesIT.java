package io.everynode.agent.process;

import static io.everynode.agent.process.ProcessTestSupport.container;
import static io.everynode.agent.process.ProcessTestSupport.log;
import static io.everynode.agent.process.ProcessTestSupport.pod;
import static io.everynode.agent.process.ProcessTestSupport.sh;
import static io.everynode.agent.process.ProcessTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.RuntimeContainer.State;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRuntimeImagesAndVolumesIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final String node = ProcessTestSupport.uniqueNode();
    private ProcessRuntime rt;
    private final List<Pod> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ProcessTestSupport.assumeProcesses();
        rt = ProcessTestSupport.runtime(dir, node);
    }

    @AfterEach
    void tearDown() {
        if (rt == null) return;
        for (Pod p : started) rt.removePod(p.getMetadata().getUid());
        rt.close();
    }

    private Pod start(Pod p) {
        started.add(p);
        for (Container c : p.getSpec().getContainers()) rt.startContainer(p, c);
        return p;
    }

    private Path imageSource(String script) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src-" + System.nanoTime()));
        Path e = src.resolve("entrypoint");
        Files.writeString(e, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(e, PosixFilePermissions.fromString("rwxr-xr-x"));
        return src;
    }

    @Test
    void aContainerWithoutCommandRunsItsImagesEntrypointWithTheArgsAppended() throws Exception {
        new ImageDirectory(dir.resolve("images"))
                .add("example.com/tools/echo:2", imageSource("echo \"image says $*\""));
        Pod p = start(pod(
                "img",
                new ContainerBuilder()
                        .withName("main")
                        .withImage("example.com/tools/echo:2")
                        .withArgs("a", "b")
                        .build()));
        await().atMost(WAIT).until(() -> state(rt, p, "main") == State.TERMINATED);
        assertThat(log(rt, p, "main", false)).contains("image says a b");
        assertThat(container(rt, p, "main").imageID()).startsWith("process://example.com/tools/echo@sha256:");
    }

    @Test
    void aMissingImageWaitsWithErrImagePullThenImagePullBackOffAndStartsOnceTheImageIsAdded() throws Exception {
        Pod p = start(pod(
                "later",
                new ContainerBuilder().withName("main").withImage("later:1").build()));
        RuntimeContainer first = container(rt, p, "main");
        assertThat(first.state()).isEqualTo(State.WAITING);
        assertThat(first.reason()).isEqualTo("ErrImagePull");
        assertThat(first.message())
                .isEqualTo("image \"later:1\" not found in the node's image directory " + dir.resolve("images"));

        await().atMost(WAIT)
                .until(() -> "ImagePullBackOff".equals(container(rt, p, "main").reason()));
        assertThat(container(rt, p, "main").message()).contains("later:1");

        new ImageDirectory(dir.resolve("images")).add("later:1", imageSource("echo found me"));
        await().atMost(WAIT).until(() -> state(rt, p, "main") == State.TERMINATED);
        assertThat(log(rt, p, "main", false)).contains("found me");
    }

    @Test
    void aHostPathOfTheWrongTypeKeepsTheContainerCreatingWithTheKubeletsMessage() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Pod p = start(withVolume(pod("hp", sh("main", "true")), "data", file.toString(), "Directory", file.toString()));
        RuntimeContainer c = container(rt, p, "main");
        assertThat(c.state()).isEqualTo(State.WAITING);
        assertThat(c.reason()).isEqualTo("ContainerCreating");
        assertThat(c.message()).isEqualTo("hostPath type check failed: " + file + " is not a directory");
    }

    @Test
    void aDirectoryOrCreateHostPathIsCreatedAndSeenAtItsOwnPath() throws Exception {
        Path logs = dir.resolve("host-logs");
        Pod p = start(withVolume(
                pod("hp2", sh("main", "echo hi > " + logs + "/out.txt")),
                "logs",
                logs.toString(),
                "DirectoryOrCreate",
                logs.toString()));
        await().atMost(WAIT).until(() -> state(rt, p, "main") == State.TERMINATED);
        assertThat(container(rt, p, "main").exitCode()).isZero();
        assertThat(Files.readString(logs.resolve("out.txt"))).isEqualTo("hi\n");
    }

    @Test
    void anEmptyDirIsMountedAtItsMountPathInAPrivateNamespaceAndGoesWithThePod() throws Exception {
        assumeTrue(isRoot(), "bind mounts need root");
        Path mountPoint = Files.createDirectories(dir.resolve("mnt"));
        Pod p = new PodBuilder(pod("ed", sh("main", "echo kept > " + mountPoint + "/f; cat " + mountPoint + "/f")))
                .editSpec()
                .addToVolumes(new VolumeBuilder()
                        .withName("scratch")
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .build())
                .editFirstContainer()
                .addToVolumeMounts(new VolumeMountBuilder()
                        .withName("scratch")
                        .withMountPath(mountPoint.toString())
                        .build())
                .endContainer()
                .endSpec()
                .build();
        start(p);
        await().atMost(WAIT).until(() -> state(rt, p, "main") == State.TERMINATED);
        assertThat(container(rt, p, "main").exitCode()).isZero();
        Path volume = dir.resolve("root/pods").resolve(p.getMetadata().getUid()).resolve("volumes/scratch");
        assertThat(Files.readString(volume.resolve("f"))).isEqualTo("kept\n");
        assertThat(mountPoint.resolve("f")).doesNotExist(); // the host never saw the mount

        rt.removePod(p.getMetadata().getUid());
        started.remove(p);
        assertThat(volume).doesNotExist();
    }

    @Test
    void aVolumeOverAMountPathTheNodeDoesNotHaveKeepsTheContainerCreating() {
        Path missing = dir.resolve("nowhere/at-all");
        Pod p = new PodBuilder(pod("nomnt", sh("main", "true")))
                .editSpec()
                .addToVolumes(new VolumeBuilder()
                        .withName("scratch")
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .build())
                .editFirstContainer()
                .addToVolumeMounts(new VolumeMountBuilder()
                        .withName("scratch")
                        .withMountPath(missing.toString())
                        .build())
                .endContainer()
                .endSpec()
                .build();
        start(p);
        RuntimeContainer c = container(rt, p, "main");
        assertThat(c.reason()).isEqualTo("ContainerCreating");
        assertThat(c.message()).contains(missing.toString());
        assertThat(missing.getParent()).doesNotExist();
    }

    @Test
    void aMissingHostPathWithoutTypeIsCreatedAsADirectoryAsContainerRuntimesDo() throws Exception {
        // The guide's fluent-bit mounts /var/lib/docker/containers, which a host without Docker lacks.
        Path missing = dir.resolve("var/lib/docker/containers");
        Pod p = start(withVolume(
                pod("hp3", sh("main", "ls -d " + missing)), "containers", missing.toString(), "", missing.toString()));
        await().atMost(WAIT).until(() -> state(rt, p, "main") == State.TERMINATED);
        assertThat(container(rt, p, "main").exitCode()).isZero();
        assertThat(missing).isDirectory();
    }

    @Test
    void aReadOnlyHostPathAtItsOwnPathCannotBeWrittenByTheContainer() throws Exception {
        assumeTrue(isRoot(), "bind mounts need root");
        Path shared = Files.createDirectories(dir.resolve("host-containers"));
        Pod p = new PodBuilder(withVolume(
                        pod("ro", sh("main", "if touch " + shared + "/x; then echo wrote; else echo refused; fi")),
                        "c",
                        shared.toString(),
                        "Directory",
                        shared.toString()))
                .editSpec()
                .editFirstContainer()
                .editFirstVolumeMount()
                .withReadOnly(true)
                .endVolumeMount()
                .endContainer()
                .endSpec()
                .build();
        start(p);
        await().atMost(WAIT).until(() -> state(rt, p, "main") == State.TERMINATED);
        assertThat(log(rt, p, "main", false)).contains("refused");
        assertThat(shared.resolve("x")).doesNotExist();
    }

    private static Pod withVolume(Pod p, String name, String path, String type, String mountPath) {
        return new PodBuilder(p)
                .editSpec()
                .addToVolumes(new VolumeBuilder()
                        .withName(name)
                        .withNewHostPath()
                        .withPath(path)
                        .withType(type)
                        .endHostPath()
                        .build())
                .editFirstContainer()
                .addToVolumeMounts(new VolumeMountBuilder()
                        .withName(name)
                        .withMountPath(mountPath)
                        .build())
                .endContainer()
                .endSpec()
                .build();
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (Exception e) {
            return false;
        }
    }
}
