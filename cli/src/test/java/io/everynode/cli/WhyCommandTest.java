package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which DaemonSet a target names, as kubectl spells kinds. */
class WhyCommandTest {
    @Test
    void everySpellingOfTheDaemonSetKindNamesIt() {
        for (String t : new String[] {"ds/x", "daemonset/x", "daemonsets/x", "daemonsets.apps/x", "x"}) {
            assertThat(WhyCommand.daemonSetName(t)).as(t).isEqualTo("x");
        }
    }

    @Test
    void anotherKindOrAnEmptyNameIsNoDaemonSet() {
        assertThat(WhyCommand.daemonSetName("deploy/x")).isNull();
        assertThat(WhyCommand.daemonSetName("ds/")).isNull();
        assertThat(WhyCommand.daemonSetName("")).isNull();
    }
}
