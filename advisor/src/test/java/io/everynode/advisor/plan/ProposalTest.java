package io.everynode.advisor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.advisor.DaemonSetKind;
import io.everynode.advisor.lint.LintInputException;
import io.everynode.advisor.lint.ManifestReader;
import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.api.rollout.RolloutGuard;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A manifest's DaemonSet as plan decides from it: the kind, and the apps/v1 shape (E7.3's view for the advanced kind). */
class ProposalTest {
    private static Proposal only(String yaml) throws LintInputException {
        return Proposal.of(ManifestReader.parse("ds.yaml", yaml.getBytes(StandardCharsets.UTF_8))
                        .get(0))
                .orElseThrow();
    }

    @Test
    void anAdvancedManifestIsPlannedThroughItsViewWithItsFieldsAsTheControllersSettings() throws Exception {
        Proposal p = only("""
                apiVersion: apps.kruise.io/v1alpha1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      containers: [{name: agent, image: agent:1}]
                  updateStrategy:
                    rollingUpdate: {partition: 2, paused: true, maxSurge: 1}
                """);

        assertThat(p.kind()).isEqualTo(DaemonSetKind.ADVANCED);
        assertThat(p.daemonSet().getMetadata().getAnnotations())
                .containsEntry(AdvancedRollout.PARTITION, "2")
                .containsEntry(RolloutGuard.PAUSED, "true")
                .containsEntry(AdvancedRollout.ROLLING_UPDATE_TYPE, "Standard");
        var rolling = p.daemonSet().getSpec().getUpdateStrategy().getRollingUpdate();
        assertThat(rolling.getMaxSurge().getIntVal()).isEqualTo(1);
        assertThat(rolling.getMaxUnavailable().getIntVal())
                .as("OpenKruise's 0 once maxSurge is set")
                .isZero();
    }

    @Test
    void anAppsV1ManifestIsDefaultedAsTheApiServerWould() throws Exception {
        Proposal p = only("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      containers: [{name: agent, image: agent:1}]
                """);

        assertThat(p.kind()).isEqualTo(DaemonSetKind.APPS);
        assertThat(p.daemonSet().getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
    }

    @Test
    void aDeploymentIsNoProposal() throws Exception {
        var m = ManifestReader.parse(
                        "d.yaml",
                        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n".getBytes(StandardCharsets.UTF_8))
                .get(0);
        assertThat(Proposal.of(m)).isEmpty();
    }
}
