package io.everynode.advisor.lint;

import static io.everynode.advisor.lint.Manifests.CLEAN_DAEMON_SET;
import static io.everynode.advisor.lint.Manifests.patched;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SlowRolloutTest {
    private static final String PATH = "spec.updateStrategy.rollingUpdate.maxUnavailable";

    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.none("fleet unknown", patched(CLEAN_DAEMON_SET)),
                RuleCase.finds(
                        "the default one node at a time on the guide's 500 nodes",
                        patched(CLEAN_DAEMON_SET),
                        LintContext.ofNodeCount(500),
                        Severity.INFO,
                        PATH,
                        "500 waves of about 30s, a rollout takes about 4h10m"),
                RuleCase.none(
                        "the guide's 25% on 500 nodes",
                        patched(CLEAN_DAEMON_SET, "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 25%}}}"),
                        LintContext.ofNodeCount(500)),
                RuleCase.none(
                        "one at a time on 100 nodes is under an hour",
                        patched(CLEAN_DAEMON_SET),
                        LintContext.ofNodeCount(100)),
                RuleCase.finds(
                        "minReadySeconds lengthens every wave (R5.6)",
                        patched(CLEAN_DAEMON_SET, "spec: {minReadySeconds: 10}"),
                        LintContext.ofNodeCount(100),
                        Severity.INFO,
                        PATH,
                        "100 waves of about 40s"),
                RuleCase.finds(
                        "one surge pod at a time is one node per wave",
                        patched(
                                CLEAN_DAEMON_SET,
                                "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}}"),
                        LintContext.ofNodeCount(500).withPodReplaceSeconds(60),
                        Severity.INFO,
                        PATH,
                        "500 waves of about 60s"),
                RuleCase.none(
                        "OnDelete rolls nothing (R5.7)",
                        patched(CLEAN_DAEMON_SET, "spec: {updateStrategy: {type: OnDelete}}"),
                        LintContext.ofNodeCount(5000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRolloutThatTakesHoursOnTheKnownFleetIsReported(RuleCase c) {
        c.check(new SlowRollout());
    }

    @Test
    void durationsRoundUpToTheMinute() {
        assertThat(SlowRollout.duration(3600)).isEqualTo("1h00m");
        assertThat(SlowRollout.duration(3601)).isEqualTo("1h01m");
        assertThat(SlowRollout.duration(7199)).isEqualTo("2h00m");
    }
}
