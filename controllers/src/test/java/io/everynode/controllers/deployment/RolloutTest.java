package io.everynode.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole rollouts of the Deployment controller against an in-memory namespace. */
class RolloutTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    final RolloutWorld world = new RolloutWorld(clock);

    @Test
    void aNewDeploymentGetsOneReplicaSetNamedByItsTemplateHashAtRevisionOne() {
        world.deployment = RolloutWorld.deployment(3, "web:1");

        world.rollOut();

        ReplicaSet rs = world.byImage("web:1");
        String hash = rs.getMetadata().getLabels().get("pod-template-hash");
        assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
        assertThat(rs.getSpec().getSelector().getMatchLabels()).containsEntry("pod-template-hash", hash);
        assertThat(rs.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("pod-template-hash", hash);
        assertThat(rs.getSpec().getReplicas()).isEqualTo(3);
        assertThat(rs.getMetadata().getAnnotations())
                .containsEntry(Revisions.REVISION, "1")
                .containsEntry(Revisions.DESIRED_REPLICAS, "3")
                .containsEntry(Revisions.MAX_REPLICAS, "4");
        assertThat(rs.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("Deployment");
        assertThat(world.deployment.getMetadata().getAnnotations()).containsEntry(Revisions.REVISION, "1");
        var status = world.deployment.getStatus();
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getUpdatedReplicas()).isEqualTo(3);
        assertThat(status.getAvailableReplicas()).isEqualTo(3);
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
        assertThat(condition("Available").getReason()).isEqualTo("MinimumReplicasAvailable");
        assertThat(condition("Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
        assertThat(world.events).contains("ScalingReplicaSet: Scaled up replica set web-" + hash + " from 0 to 3");
    }

    @Test
    void aRollingUpdateNeverExceedsMaxSurgeNorDropsBelowMaxUnavailable() {
        world.deployment = RolloutWorld.rolling(4, "web:1", 1, 0);
        world.rollOut();

        world.setImage("web:2");
        world.rollOut(() -> {
            assertThat(world.totalSpec()).as("replicas + maxSurge").isLessThanOrEqualTo(5);
            assertThat(world.totalAvailable()).as("replicas - maxUnavailable").isGreaterThanOrEqualTo(4);
        });

        assertThat(world.sizesByImage()).isEqualTo(Map.of("web:1", 0, "web:2", 4));
        assertThat(world.byImage("web:2").getMetadata().getAnnotations()).containsEntry(Revisions.REVISION, "2");
        assertThat(world.deployment.getMetadata().getAnnotations()).containsEntry(Revisions.REVISION, "2");
        assertThat(world.deployment.getStatus().getUpdatedReplicas()).isEqualTo(4);
        assertThat(world.deployment.getStatus().getObservedGeneration()).isEqualTo(2L);
    }

    @Test
    void withoutSurgeTheOldReplicaSetShrinksFirst() {
        world.deployment = RolloutWorld.rolling(4, "web:1", 0, 1);
        world.rollOut();
        world.setImage("web:2");

        world.sync(); // the new ReplicaSet is created at 0: no room to surge

        assertThat(world.sizesByImage()).isEqualTo(Map.of("web:1", 3, "web:2", 0));
        world.settle();
        world.sync();
        assertThat(world.sizesByImage()).isEqualTo(Map.of("web:1", 3, "web:2", 1));
        world.rollOut(() -> assertThat(world.totalSpec()).isLessThanOrEqualTo(4));
        assertThat(world.sizesByImage()).isEqualTo(Map.of("web:1", 0, "web:2", 4));
    }

    @Test
    void percentagesRoundSurgeUpAndUnavailableDown() {
        world.deployment = RolloutWorld.rolling(10, "web:1", "25%", "25%");
        assertThat(DeploymentSpecs.maxSurge(world.deployment)).isEqualTo(3);
        assertThat(DeploymentSpecs.maxUnavailable(world.deployment)).isEqualTo(2);
        world.deployment = RolloutWorld.rolling(1, "web:1", "0%", "10%");
        assertThat(DeploymentSpecs.maxUnavailable(world.deployment))
                .as("both zero would stall a rollout")
                .isEqualTo(1);
        world.deployment = RolloutWorld.deployment(4, "web:1");
        assertThat(DeploymentSpecs.maxSurge(world.deployment))
                .as("defaults 25%")
                .isEqualTo(1);
        assertThat(DeploymentSpecs.maxUnavailable(world.deployment)).isEqualTo(1);
    }

    @Test
    void aStuckRolloutKeepsTheOldReplicasAndTimesOutAfterTheProgressDeadline() {
        world.deployment = RolloutWorld.rolling(3, "web:1", 1, 0);
        world.rollOut();
        world.brokenImages.add("web:bad");
        world.setImage("web:bad");

        world.rollOut();
        assertThat(world.sizesByImage()).isEqualTo(Map.of("web:1", 3, "web:bad", 1));
        assertThat(condition("Progressing").getStatus()).isEqualTo("True");
        var recheck = world.sync().requeueAfter();
        assertThat(recheck).as("a look again when the deadline passes").isPresent();

        clock.advance(Duration.ofSeconds(601));
        world.sync();

        DeploymentCondition progressing = condition("Progressing");
        assertThat(progressing.getStatus()).isEqualTo("False");
        assertThat(progressing.getReason()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(progressing.getMessage())
                .isEqualTo("ReplicaSet \""
                        + world.byImage("web:bad").getMetadata().getName() + "\" has timed out progressing.");
    }

    @Test
    void recreateScalesTheOldReplicaSetToZeroAndWaitsForItsPodsBeforeCreatingTheNewOne() {
        world.deployment = RolloutWorld.deployment(3, "web:1");
        world.edit(d -> d.getSpec()
                .setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder()
                        .withType("Recreate")
                        .build()));
        world.rollOut();
        String oldUid = world.byImage("web:1").getMetadata().getUid();
        world.setImage("web:2");

        world.sync();
        assertThat(world.sizesByImage()).isEqualTo(Map.of("web:1", 0));
        world.settle();
        world.pods.add(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata()
                .withName("web-old-x")
                .addNewOwnerReference()
                .withKind("ReplicaSet")
                .withName("old")
                .withUid(oldUid)
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withNewStatus()
                .withPhase("Running")
                .endStatus()
                .build());
        world.sync();
        assertThat(world.sizesByImage()).as("an old pod still runs").isEqualTo(Map.of("web:1", 0));

        world.pods.clear();
        world.rollOut();
        assertThat(world.sizesByImage()).isEqualTo(Map.of("web:1", 0, "web:2", 3));
    }

    @Test
    void goingBackToAnOldTemplateReusesItsReplicaSetUnderTheNextRevision() {
        world.deployment = RolloutWorld.deployment(2, "web:1");
        world.rollOut();
        world.setImage("web:2");
        world.rollOut();

        world.setImage("web:1"); // what kubectl rollout undo writes
        world.rollOut();

        assertThat(world.sets).hasSize(2);
        ReplicaSet back = world.byImage("web:1");
        assertThat(back.getMetadata().getAnnotations())
                .containsEntry(Revisions.REVISION, "3")
                .containsEntry(Revisions.REVISION_HISTORY, "1");
        assertThat(world.sizesByImage()).isEqualTo(Map.of("web:1", 2, "web:2", 0));
        assertThat(world.deployment.getMetadata().getAnnotations()).containsEntry(Revisions.REVISION, "3");
    }

    @Test
    void oldReplicaSetsBeyondTheRevisionHistoryLimitAreDeletedOldestRevisionFirst() {
        world.deployment = RolloutWorld.deployment(1, "web:1");
        world.edit(d -> d.getSpec().setRevisionHistoryLimit(1));
        world.rollOut();
        world.setImage("web:2");
        world.rollOut();
        world.setImage("web:3");
        world.rollOut();

        assertThat(world.sizesByImage()).isEqualTo(Map.of("web:2", 0, "web:3", 1));
    }

    @Test
    void aPausedDeploymentScalesButDoesNotRollOutAndSaysSo() {
        world.deployment = RolloutWorld.deployment(2, "web:1");
        world.rollOut();
        world.edit(d -> {
            d.getSpec().setPaused(true);
            d.getSpec().setReplicas(4);
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("web:2");
        });

        world.rollOut();

        assertThat(world.sizesByImage()).isEqualTo(Map.of("web:1", 4));
        assertThat(condition("Progressing").getReason()).isEqualTo("DeploymentPaused");
        assertThat(condition("Progressing").getStatus()).isEqualTo("Unknown");

        world.edit(d -> d.getSpec().setPaused(false));
        world.rollOut();
        assertThat(world.sizesByImage()).isEqualTo(Map.of("web:1", 0, "web:2", 4));
        assertThat(condition("Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
    }

    @Test
    void scalingInMidRolloutSharesTheNewReplicasInProportion() {
        world.deployment = RolloutWorld.rolling(10, "web:1", 3, 2);
        world.rollOut();
        world.brokenImages.add("web:2"); // the rollout stops half way
        world.setImage("web:2");
        world.rollOut();
        Map<String, Integer> before = world.sizesByImage();
        assertThat(before.get("web:1") + before.get("web:2")).isEqualTo(13);

        world.edit(d -> d.getSpec().setReplicas(20));
        world.sync();

        Map<String, Integer> after = world.sizesByImage();
        assertThat(after.get("web:1") + after.get("web:2"))
                .as("20 + maxSurge 3 (of 10: unchanged)")
                .isEqualTo(23);
        assertThat(after.get("web:1")).isGreaterThan(before.get("web:1"));
        assertThat(after.get("web:2")).isGreaterThan(before.get("web:2"));
        assertThat(world.events).anyMatch(e -> e.startsWith("ScalingReplicaSet: Scaled up replica set"));
    }

    @Test
    void anOrphanReplicaSetThatMatchesIsAdoptedAndBecomesTheNewOne() {
        world.deployment = RolloutWorld.deployment(2, "web:1");
        world.rollOut();
        ReplicaSet rs = world.byImage("web:1");
        rs.getMetadata().setOwnerReferences(java.util.List.of());

        world.rollOut();

        assertThat(world.sets).hasSize(1);
        assertThat(world.byImage("web:1").getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(r -> assertThat(r.getUid()).isEqualTo("uid-web"));
    }

    private DeploymentCondition condition(String type) {
        return world.deployment.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " condition"));
    }
}
