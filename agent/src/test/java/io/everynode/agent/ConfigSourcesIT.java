package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.process.ProcessRuntime;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ConfigMaps and Secrets through a node agent against a real API server: the waiting reasons of
 * missing sources and the start once they appear (simulated node: no files, same states), and on
 * a process node the files, the environment and an update reaching the mounted volume. The
 * agents call as their nodes: they read each source by name, as the Node authorizer allows.
 */
class ConfigSourcesIT {
    private static final Duration WAIT = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    private final TestCluster cluster = new TestCluster();
    private ContainerRuntime runtime;
    private NodeAgent agent;

    @AfterEach
    void tearDown() {
        if (agent != null) agent.close();
        if (runtime instanceof ProcessRuntime p) {
            for (Pod pod : cluster.client.list(Pod.class, "default").items())
                p.removePod(pod.getMetadata().getUid());
        }
        if (runtime != null) runtime.close();
        cluster.close();
    }

    private void simulatedNode() {
        runtime = new SimulatedRuntime(TestCluster.runtimeConfig(), Clock.systemUTC(), "n1");
        agent = NodeAgent.start(cluster.nodeClient("n1"), TestCluster.agentConfig("n1"), runtime, Clock.systemUTC());
    }

    private void configMap(String name, Map<String, String> data) {
        ConfigMap cm = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .endMetadata()
                .withData(data)
                .build();
        try {
            ConfigMap current = cluster.client.get(ConfigMap.class, "default", name);
            cm.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            cluster.client.update(cm);
        } catch (io.everynode.client.ApiError e) {
            if (!e.isNotFound()) throw e;
            cluster.client.create(cm);
        }
    }

    private void secret(String name, Map<String, String> plain) {
        Map<String, String> data = new java.util.HashMap<>();
        plain.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes())));
        Secret s = new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .endMetadata()
                .withData(data)
                .build();
        try {
            Secret current = cluster.client.get(Secret.class, "default", name);
            s.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            cluster.client.update(s);
        } catch (io.everynode.client.ApiError e) {
            if (!e.isNotFound()) throw e;
            cluster.client.create(s);
        }
    }

    private ContainerStateWaiting waiting(String pod) {
        Pod p = cluster.pod(pod).orElse(null);
        if (p == null
                || p.getStatus() == null
                || p.getStatus().getContainerStatuses() == null
                || p.getStatus().getContainerStatuses().isEmpty()) return null;
        var state = p.getStatus().getContainerStatuses().get(0).getState();
        return state == null ? null : state.getWaiting();
    }

    private boolean waitingWith(String pod, String reason, String message) {
        ContainerStateWaiting w = waiting(pod);
        return w != null && reason.equals(w.getReason()) && java.util.Objects.equals(message, w.getMessage());
    }

    private List<String> events(String pod) {
        return cluster.client.list(Event.class, "default").items().stream()
                .filter(e -> pod.equals(e.getInvolvedObject().getName()))
                .map(e -> e.getType() + " " + e.getReason() + " " + e.getMessage())
                .toList();
    }

    private static PodBuilder withConfigVolume(PodBuilder b, String configMap) {
        return b.editSpec()
                .addNewVolume()
                .withName("config")
                .withNewConfigMap()
                .withName(configMap)
                .endConfigMap()
                .endVolume()
                .editFirstContainer()
                .addNewVolumeMount()
                .withName("config")
                .withMountPath("/etc/app")
                .endVolumeMount()
                .endContainer()
                .endSpec();
    }

    @Test
    void aMissingConfigMapVolumeKeepsThePodContainerCreatingWithFailedMountUntilTheConfigMapAppears() {
        simulatedNode();
        cluster.client.create(
                withConfigVolume(TestCluster.pod("mounts", "n1"), "settings").build());

        await().atMost(WAIT)
                .until(() -> events("mounts")
                        .contains("Warning FailedMount MountVolume.SetUp failed for volume \"config\" : configmap"
                                + " \"settings\" not found"));
        await().atMost(WAIT).until(() -> waitingWith("mounts", "ContainerCreating", null));
        assertThat(cluster.pod("mounts").orElseThrow().getStatus().getPhase()).isEqualTo("Pending");

        configMap("settings", Map.of("app.conf", "level=info"));

        await().atMost(WAIT)
                .until(() ->
                        cluster.pod("mounts").map(TestCluster::runningAndReady).orElse(false));
    }

    @Test
    void aMissingSecretOrKeyForTheEnvironmentKeepsTheContainerInCreateContainerConfigErrorUntilItAppears() {
        simulatedNode();
        cluster.client.create(TestCluster.pod("envs", "n1")
                .editSpec()
                .editFirstContainer()
                .addNewEnv()
                .withName("TOKEN")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName("creds")
                .withKey("token")
                .endSecretKeyRef()
                .endValueFrom()
                .endEnv()
                .endContainer()
                .endSpec()
                .build());

        await().atMost(WAIT)
                .until(() -> waitingWith("envs", "CreateContainerConfigError", "secret \"creds\" not found"));
        assertThat(cluster.pod("envs").orElseThrow().getStatus().getPhase()).isEqualTo("Pending");
        await().atMost(WAIT).until(() -> events("envs").contains("Warning Failed Error: secret \"creds\" not found"));

        secret("creds", Map.of("other", "x"));
        await().atMost(WAIT)
                .until(() -> waitingWith(
                        "envs", "CreateContainerConfigError", "couldn't find key token in Secret default/creds"));

        secret("creds", Map.of("token", "t0ken"));
        await().atMost(WAIT)
                .until(() ->
                        cluster.pod("envs").map(TestCluster::runningAndReady).orElse(false));
    }

    @Test
    void optionalSourcesThatAreMissingDoNotHoldThePodBack() {
        simulatedNode();
        cluster.client.create(TestCluster.pod("optional", "n1")
                .editSpec()
                .addNewVolume()
                .withName("config")
                .withNewConfigMap()
                .withName("absent")
                .withOptional(true)
                .endConfigMap()
                .endVolume()
                .editFirstContainer()
                .addNewEnvFrom()
                .withNewSecretRef()
                .withName("absent")
                .withOptional(true)
                .endSecretRef()
                .endEnvFrom()
                .endContainer()
                .endSpec()
                .build());

        await().atMost(WAIT)
                .until(() -> cluster.pod("optional")
                        .map(TestCluster::runningAndReady)
                        .orElse(false));
        assertThat(events("optional")).noneMatch(e -> e.contains("FailedMount") || e.contains("Failed "));
    }

    @Test
    void aProcessContainerReadsItsConfigMapFilesAndSecretEnvAndAnUpdateReachesTheMountedFile() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "bind mounts need root");
        String node = "cs-" + UUID.randomUUID().toString().substring(0, 8);
        Path mountPoint = Files.createDirectories(dir.resolve("etc-app")); // the node's mount points
        Path subPathPoint = Files.createFile(dir.resolve("pinned.conf"));
        ProcessRuntime process =
                new ProcessRuntime(ProcessRuntime.Config.of(dir.resolve("root"), dir.resolve("images"), node));
        runtime = process;
        agent = NodeAgent.start(cluster.nodeClient(node), TestCluster.agentConfig(node), runtime, Clock.systemUTC());
        configMap("settings", Map.of("app.conf", "level=info\n", "LEVEL", "info"));
        secret("creds", Map.of("token", "t0ken"));

        cluster.client.create(new PodBuilder()
                .withNewMetadata()
                .withName("reader")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .withTerminationGracePeriodSeconds(2L)
                .addNewVolume()
                .withName("config")
                .withNewConfigMap()
                .withName("settings")
                .addNewItem()
                .withKey("app.conf")
                .withPath("app.conf")
                .withMode(0600)
                .endItem()
                .endConfigMap()
                .endVolume()
                .addNewContainer()
                .withName("main")
                .withImage("busybox:1.36")
                .withCommand("sh", "-c", "echo \"token=$TOKEN cfg_LEVEL=$cfg_LEVEL\"; exec sleep 600")
                .addNewEnvFrom()
                .withPrefix("cfg_")
                .withNewConfigMapRef()
                .withName("settings")
                .endConfigMapRef()
                .endEnvFrom()
                .addNewEnv()
                .withName("TOKEN")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName("creds")
                .withKey("token")
                .endSecretKeyRef()
                .endValueFrom()
                .endEnv()
                .addNewVolumeMount()
                .withName("config")
                .withMountPath(mountPoint.toString())
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("config")
                .withMountPath(subPathPoint.toString())
                .withSubPath("app.conf")
                .endVolumeMount()
                .endContainer()
                .endSpec()
                .build());
        await().atMost(WAIT)
                .until(() ->
                        cluster.pod("reader").map(TestCluster::runningAndReady).orElse(false));
        String uid = cluster.pod("reader").orElseThrow().getMetadata().getUid();

        await().atMost(WAIT)
                .until(() -> io.everynode.agent.crilog.CriLines.text(
                                runtime.logFile(uid, "main", false).orElseThrow())
                        .contains("token=t0ken cfg_LEVEL=info"));
        assertThat(cat(process, uid, mountPoint.resolve("app.conf"))).isEqualTo("level=info\n");
        assertThat(cat(process, uid, subPathPoint)).isEqualTo("level=info\n");
        assertThat(Files.list(mountPoint))
                .as("the node's mount point itself stays empty")
                .isEmpty();
        Path volume = dir.resolve("root/pods").resolve(uid).resolve("volumes/config");
        Path data = volume.resolve(Files.readSymbolicLink(volume.resolve("..data")));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(data.resolve("app.conf"))))
                .isEqualTo("rw-------");

        configMap("settings", Map.of("app.conf", "level=debug\n", "LEVEL", "debug"));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> cat(process, uid, mountPoint.resolve("app.conf")).equals("level=debug\n"));
        assertThat(Files.exists(data))
                .as("the old timestamped directory is gone")
                .isFalse();
        assertThat(cat(process, uid, subPathPoint))
                .as("a subPath mount is the file as it was at the start (as upstream)")
                .isEqualTo("level=info\n");
        var cs = cluster.pod("reader")
                .orElseThrow()
                .getStatus()
                .getContainerStatuses()
                .get(0);
        assertThat(cs.getRestartCount())
                .as("an update does not restart the container")
                .isZero();
    }

    /** The file as the container sees it, in its own mount namespace. */
    private static String cat(ProcessRuntime rt, String uid, Path file) {
        ContainerRuntime.ExecResult r = rt.exec(uid, "main", List.of("cat", file.toString()), Duration.ofSeconds(10));
        return r.exitCode() == 0 ? r.output() : "exit " + r.exitCode() + ": " + r.output();
    }
}
