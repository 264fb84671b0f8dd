package io.everynode.agent.container;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test {@link PodNetwork}: a network namespace per pod ({@code ip netns add}) with only its
 * loopback interface up, whose addresses (127.0.0.1, then ::1) are the pod's.
 */
public final class LoopbackNetwork implements PodNetwork {
    private final String prefix;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public LoopbackNetwork(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Attachment attach(String podUid, String namespace, String name, List<PortMapping> ports) {
        String ns = names.computeIfAbsent(podUid, u -> prefix + u.substring(0, Math.min(8, u.length())));
        if (!Path.of("/var/run/netns", ns).toFile().exists()) {
            run("ip", "netns", "add", ns);
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        return new Attachment(Path.of("/var/run/netns", ns), List.of("127.0.0.1", "::1"));
    }

    @Override
    public void detach(String podUid) {
        String ns = names.remove(podUid);
        if (ns != null) run("ip", "netns", "del", ns);
    }

    @Override
    public void sweep(java.util.Set<String> livePodUids) {
        for (String uid : List.copyOf(names.keySet())) if (!livePodUids.contains(uid)) detach(uid);
    }

    /** Whether the pod's namespace exists. */
    public boolean hasNamespace(String podUid) {
        String ns = names.get(podUid);
        return ns != null && Path.of("/var/run/netns", ns).toFile().exists();
    }

    private static void run(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).inheritIO().start();
            if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", argv) + " failed");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
