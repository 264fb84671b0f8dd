package io.everynode.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.netns.Availability;
import io.everynode.agent.netns.NodeNetworks;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the guide's sections on process nodes need from the machine: Linux with {@code /proc},
 * {@code sh} and {@code setsid} for the runtime, and network namespaces so that every node's
 * agent can listen on the guide's port 8080 (pods share their node's network). A machine without
 * them skips those classes with the reason.
 */
final class ProcessNodes {
    private ProcessNodes() {}

    static void assumeAvailable() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "process nodes need Linux /proc");
        assumeTrue(onPath("sh") && onPath("setsid"), "process nodes need sh and setsid(1) on the PATH");
        Availability netns = NodeNetworks.check();
        assumeTrue(
                netns.available(),
                "the guide's port 8080 on every node needs a network namespace per node: " + netns.reason());
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }
}
