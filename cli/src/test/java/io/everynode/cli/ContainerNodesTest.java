package io.everynode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.container.RuncRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerNodesTest {
    @Test
    void theContainerRuntimeRunsWhereRootRuncAndTheCniPluginsAre() {
        assumeTrue(RuncRuntime.unavailable("runc").isEmpty(), "needs root and runc to get past the host checks");
        assumeTrue(Files.isExecutable(Path.of("/usr/lib/cni/bridge")), "needs Debian's containernetworking-plugins");
        assertTrue(
                ContainerNodes.missing().isEmpty(),
                () -> ContainerNodes.missing().get());
    }

    @Test
    void containerIsARuntimeTheAgentAndUpAccept() {
        AgentCommand.checkRuntime("container");
    }

    @Test
    void upKeepsItsImagesInItsDataDirectoryUnlessAStoreIsGiven(@TempDir Path dir) {
        ContainerImageFlags flags = new ContainerImageFlags();
        assertEquals(dir.resolve("image-store"), flags.storeUnder(dir).root());
        flags.storeDir = Path.of(ContainerImageFlags.DEFAULT_STORE_DIR);
        assertEquals(dir.resolve("image-store"), flags.storeUnder(dir).root());
        flags.storeDir = dir.resolve("elsewhere");
        assertEquals(dir.resolve("elsewhere"), flags.storeUnder(dir).root());
    }
}
