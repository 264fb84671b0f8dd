package io.everynode.agent.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.everynode.agent.StdinFifo;
import io.everynode.agent.logs.ContainerPath;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import org.junit.jupiter.api.Test;

class AttachRequestsTest {
    @Test
    void attachingStdinToAContainerWithoutStdinSaysWhereItsInputComesFrom() {
        assertEquals(
                "cannot attach to the stdin of container main in pod web: the container does not have stdin: true,"
                        + " so its standard input is /dev/null",
                AttachRequests.noStdin(new ContainerPath("default", "web", "main")));
    }

    @Test
    void aContainerGetsAStdinFifoWithStdinAndATerminalOnlyWithTtyAsWell() {
        Container plain = new ContainerBuilder().withName("c").build();
        Container stdin = new ContainerBuilder().withName("c").withStdin(true).build();
        Container ttyOnly = new ContainerBuilder().withName("c").withTty(true).build();
        Container both = new ContainerBuilder()
                .withName("c")
                .withStdin(true)
                .withTty(true)
                .build();
        assertFalse(StdinFifo.wanted(plain));
        assertTrue(StdinFifo.wanted(stdin));
        assertFalse(StdinFifo.terminal(stdin));
        assertFalse(StdinFifo.terminal(ttyOnly));
        assertTrue(StdinFifo.terminal(both));
    }

    @Test
    void aRuntimeThatCannotAttachSaysSo() {
        try (io.everynode.agent.SimulatedRuntime simulated = new io.everynode.agent.SimulatedRuntime(
                io.everynode.agent.SimulatedRuntime.Config.defaults(), new io.everynode.testkit.ManualClock(), "n1")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> simulated.attach("uid", "main"));
            assertEquals("the simulated runtime cannot attach to a container", e.getMessage());
        }
    }
}
