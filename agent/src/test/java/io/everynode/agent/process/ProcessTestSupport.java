package io.everynode.agent.process;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.RuntimePod;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;

/** Shared set-up of the process runtime tests: a runtime over a temporary root, pods with sh commands. */
final class ProcessTestSupport {
    private ProcessTestSupport() {}

    /** Skips unless this is Linux with /proc, setsid and sh. */
    static void assumeProcesses() {
        assumeTrue(ProcFs.available(), "needs Linux /proc");
        assumeTrue(Launcher.missingExecutable("setsid", System.getenv("PATH")) == null, "needs setsid(1)");
        assumeTrue(Launcher.missingExecutable("sh", System.getenv("PATH")) == null, "needs sh");
    }

    /** A node name no other test run on this machine uses (the cgroup hierarchy is machine-wide). */
    static String uniqueNode() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ProcessRuntime runtime(Path dir, String node) {
        return new ProcessRuntime(
                ProcessRuntime.Config.of(dir.resolve("root"), dir.resolve("images"), node),
                Clock.systemUTC(),
                Duration.ofMillis(300),
                Path.of("/sys/fs/cgroup"));
    }

    /** Records the pod keys the runtime reports. */
    static final class Keys {
        final Set<String> seen = new CopyOnWriteArraySet<>();

        void attach(ProcessRuntime rt) {
            rt.setListener(seen::add);
        }
    }

    static Container sh(String name, String script) {
        return new ContainerBuilder()
                .withName(name)
                .withImage("busybox:1.36")
                .withCommand("sh", "-c", script)
                .build();
    }

    static Pod pod(String name, Container... containers) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .withUid(UUID.randomUUID().toString())
                .endMetadata()
                .withNewSpec()
                .withNodeName("n")
                .withContainers(List.of(containers))
                .endSpec()
                .build();
    }

    static RuntimeContainer container(ProcessRuntime rt, Pod pod, String name) {
        RuntimePod rp = rt.pod(pod.getMetadata().getUid()).orElse(null);
        return rp == null ? null : rp.containers().get(name);
    }

    static RuntimeContainer.State state(ProcessRuntime rt, Pod pod, String name) {
        RuntimeContainer c = container(rt, pod, name);
        return c == null ? null : c.state();
    }

    static String log(ProcessRuntime rt, Pod pod, String name, boolean previous) {
        try {
            Path p = rt.logFile(pod.getMetadata().getUid(), name, previous).orElse(null);
            return p == null ? "" : io.everynode.agent.crilog.CriLines.text(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
