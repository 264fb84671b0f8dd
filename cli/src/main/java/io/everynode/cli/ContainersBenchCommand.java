package io.everynode.cli;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.images.ImageReference;
import io.everynode.images.ImageStore;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code everynode bench containers}: container start latency on {@code up --runtime container
 * --nodes 1}, from the pod's create to its container running. Cold: the image is first removed
 * from the node's store, so the time includes the pull. Warm: the image is present. Pods run one at
 * a time, each deleted before the next, so the figures are latencies and not throughput.
 */
@Command(
        name = "containers",
        mixinStandardHelpOptions = true,
        description = "Container start latency on one container node, cold (image pulled) and warm (image present).")
final class ContainersBenchCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    @Option(
            names = "--image",
            required = true,
            description =
                    "A long-running image in a registry the node can pull from (loopback registries are plain HTTP).")
    String image;

    @Option(names = "--pods", defaultValue = "10", description = "Pods of each kind (default: ${DEFAULT-VALUE}).")
    int pods;

    @Option(
            names = "--at-once",
            defaultValue = "0",
            description = "Then this many pods created together on the node, timed until all run (default: none).")
    int atOnce;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("everynode-bench-containers");
        ImageReference reference = ImageReference.parse(image);
        try (UpCluster running = new UpCommand()
                .nodes(1)
                .runtime(ContainerNodes.NAME)
                .dataDir(dir)
                .port(0)
                .open()) {
            ImageStore store = ImageStore.open(dir.resolve("image-store"));
            KubeClient client = running.client();
            List<Duration> cold = new ArrayList<>();
            List<Duration> warm = new ArrayList<>();
            for (int i = 0; i < pods; i++) {
                store.remove(reference);
                cold.add(startOnce(client, "cold-" + i));
                warm.add(startOnce(client, "warm-" + i));
            }
            System.out.println("container start, cold (image pulled): " + summary(cold));
            System.out.println("container start, warm (image present): " + summary(warm));
            if (atOnce > 0) System.out.println(atOnce(client));
        }
        return 0;
    }

    /** Creates {@code atOnce} pods together (image present) and times them until every container runs. */
    private String atOnce(KubeClient client) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < atOnce; i++) client.create(pod("many-" + i));
        int runningNow = 0;
        while (runningNow < atOnce) {
            if (System.nanoTime() - start > PATIENCE.toNanos())
                return atOnce + " pods at once: " + runningNow + " running after " + PATIENCE + " (gave up)";
            Thread.sleep(POLL.toMillis() * 10);
            runningNow = (int) client.list(Pod.class, "default").items().stream()
                    .filter(ContainersBenchCommand::running)
                    .count();
        }
        return atOnce + " pods at once: all running after "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + "ms";
    }

    private Pod pod(String name) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withNodeName("node-1")
                .withTerminationGracePeriodSeconds(0L)
                .addNewContainer()
                .withName("c")
                .withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .endContainer()
                .endSpec()
                .build();
    }

    /** Creates the pod, waits until its container runs, deletes it and waits until it is gone; the first wait's time. */
    private Duration startOnce(KubeClient client, String name) throws InterruptedException {
        Pod pod = pod(name);
        long start = System.nanoTime();
        client.create(pod);
        while (!running(client.get(Pod.class, "default", name))) {
            if (System.nanoTime() - start > PATIENCE.toNanos())
                throw new IllegalStateException("pod " + name + " did not run within " + PATIENCE + ": "
                        + client.get(Pod.class, "default", name).getStatus());
            Thread.sleep(POLL.toMillis());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        client.delete(
                Pod.class,
                "default",
                name,
                new DeleteOptionsBuilder().withGracePeriodSeconds(0L).build());
        long gone = System.nanoTime();
        while (exists(client, name)) {
            if (System.nanoTime() - gone > PATIENCE.toNanos())
                throw new IllegalStateException("pod " + name + " was not removed within " + PATIENCE);
            Thread.sleep(POLL.toMillis());
        }
        return took;
    }

    private static boolean running(Pod p) {
        return p.getStatus() != null
                && p.getStatus().getContainerStatuses() != null
                && !p.getStatus().getContainerStatuses().isEmpty()
                && p.getStatus().getContainerStatuses().get(0).getState() != null
                && p.getStatus().getContainerStatuses().get(0).getState().getRunning() != null;
    }

    private static boolean exists(KubeClient client, String name) {
        try {
            client.get(Pod.class, "default", name);
            return true;
        } catch (ApiError e) {
            if (e.isNotFound()) return false;
            throw e;
        }
    }

    static String summary(List<Duration> samples) {
        List<Long> ms = samples.stream().map(Duration::toMillis).sorted().toList();
        return "n=" + ms.size() + " p50=" + ms.get(ms.size() / 2) + "ms min=" + ms.get(0) + "ms max="
                + ms.get(ms.size() - 1) + "ms";
    }
}
