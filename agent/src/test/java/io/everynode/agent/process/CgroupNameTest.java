package io.everynode.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Two clusters on one machine each have a node-1: their cgroups must not be shared. */
class CgroupNameTest {
    private static ProcessRuntime.Config config(String root, String node) {
        return ProcessRuntime.Config.of(Path.of(root), Path.of("/images"), node);
    }

    @Test
    void theSameNodeNameInTwoClustersGetsTwoGroups() {
        assertThat(ProcessRuntime.cgroupName(config("/a/.everynode/nodes/node-1", "node-1")))
                .isNotEqualTo(ProcessRuntime.cgroupName(config("/b/.everynode/nodes/node-1", "node-1")));
    }

    @Test
    void aRestartedAgentOverTheSameDirectoryFindsItsGroupAgain() {
        assertThat(ProcessRuntime.cgroupName(config("/a/nodes/node-1", "node-1")))
                .isEqualTo(ProcessRuntime.cgroupName(config("/a/nodes/../nodes/node-1", "node-1")))
                .startsWith("node-1-");
    }
}
