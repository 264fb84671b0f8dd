package io.everynode.agent.portforward;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.agent.SimulatedRuntime;
import io.everynode.testkit.ManualClock;
import org.junit.jupiter.api.Test;

class SimulatedPortForwardTest {
    @Test
    void theSimulatedRuntimeRefusesToForwardPortsWithAMessageForTheClient() {
        try (SimulatedRuntime runtime =
                new SimulatedRuntime(SimulatedRuntime.Config.defaults(), new ManualClock(), "n1")) {
            assertThatThrownBy(() -> runtime.portForwardAddress("some-uid"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the simulated runtime cannot forward ports");
        }
    }
}
