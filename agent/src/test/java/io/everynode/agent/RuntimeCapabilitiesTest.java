package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeCapabilitiesTest {
    @TempDir
    Path dir;

    @Test
    void aSimulatedRuntimeHasMadeUpNetworkAndMemoryAndLogsOnlyWithALogDirectory() {
        try (SimulatedRuntime plain =
                        new SimulatedRuntime(SimulatedRuntime.Config.defaults(), new ManualClock(), "n1");
                SimulatedRuntime logging = new SimulatedRuntime(
                        SimulatedRuntime.Config.defaults().withLogDir(dir), new ManualClock(), "n2")) {
            assertThat(plain.capabilities()).isEqualTo(new RuntimeCapabilities(false, false, false, false, false));
            assertThat(logging.capabilities().logs()).isTrue();
        }
    }
}
