package io.everynode.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceStateTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenStateReadsBackAsItWas() throws Exception {
        InstanceState st = new InstanceState(
                "process://abc", "busybox:1", "sha256:1", Instant.parse("2026-01-01T00:00:00Z"), 42, 7, 3, true, false);
        st.write(dir);
        assertThat(InstanceState.read(dir)).contains(st);
    }

    @Test
    void anInstanceThatNeverStartedHasNoState() {
        assertThat(InstanceState.read(dir)).isEmpty();
    }
}
