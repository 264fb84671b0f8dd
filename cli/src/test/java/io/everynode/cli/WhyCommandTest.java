package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.advisor.DaemonSetKind;
import org.junit.jupiter.api.Test;

/** Which DaemonSet a target names, as kubectl spells kinds. */
class WhyCommandTest {
    @Test
    void everySpellingOfTheDaemonSetKindNamesIt() {
        for (String t : new String[] {"ds/x", "daemonset/x", "daemonsets/x", "daemonsets.apps/x", "DS/x", "x"}) {
            assertThat(DaemonSetRef.of(t)).as(t).isEqualTo(new DaemonSetRef(DaemonSetKind.APPS, "x"));
        }
    }

    @Test
    void theAdvancedKindsShortAndGroupNamesNameAnAdvancedDaemonSet() {
        for (String t : new String[] {
            "ads/x",
            "daemon/x",
            "daemonsets.apps.kruise.io/x",
            "daemonset.apps.kruise.io/x",
            "daemonsets.v1alpha1.apps.kruise.io/x"
        }) {
            assertThat(DaemonSetRef.of(t)).as(t).isEqualTo(new DaemonSetRef(DaemonSetKind.ADVANCED, "x"));
        }
    }

    @Test
    void anotherKindOrAnEmptyNameIsNoDaemonSet() {
        assertThat(DaemonSetRef.of("deploy/x")).isNull();
        assertThat(DaemonSetRef.of("ds/")).isNull();
        assertThat(DaemonSetRef.of("ads/")).isNull();
        assertThat(DaemonSetRef.of("")).isNull();
        assertThat(DaemonSetRef.of("daemonsets.kruise.io/x")).isNull();
    }
}
