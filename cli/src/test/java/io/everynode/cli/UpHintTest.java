package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The kubectl command `up` prints must run as printed, from the directory `up` ran in. */
class UpHintTest {
    @Test
    void withoutAnInstalledKubectlTheHintUsesTheOneOnThePath() {
        assertThat(UpCommand.kubectlCommand(null, Path.of("/home/me/everynode")))
                .isEqualTo("kubectl");
    }

    @Test
    void theProjectsKubectlBelowTheWorkingDirectoryIsNamedRelatively() {
        assertThat(UpCommand.kubectlCommand("/home/me/everynode/.tools/kubectl", Path.of("/home/me/everynode")))
                .isEqualTo(".tools/kubectl");
    }

    @Test
    void aKubectlElsewhereIsNamedByItsAbsolutePath() {
        assertThat(UpCommand.kubectlCommand("/opt/everynode/.tools/kubectl", Path.of("/tmp/work")))
                .isEqualTo("/opt/everynode/.tools/kubectl");
    }
}
