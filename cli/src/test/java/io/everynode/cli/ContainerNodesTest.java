package io.everynode.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.container.RuncRuntime;
import org.junit.jupiter.api.Test;

class ContainerNodesTest {
    @Test
    void theContainerRuntimeSaysWhichPartsThisBuildLacksInsteadOfFakingThem() {
        assumeTrue(RuncRuntime.unavailable("runc").isEmpty(), "needs root and runc to get past the host checks");
        String why = ContainerNodes.missing(null, null).orElseThrow();
        assertTrue(why.contains("image store") && why.contains("pod network"), why);
    }

    @Test
    void containerIsARuntimeTheAgentAndUpAccept() {
        AgentCommand.checkRuntime("container");
    }
}
