package io.everynode.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.controllers.manager.ControllerManager;
import io.everynode.controllers.manager.ControllerManagerConfig;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The controllers call as their own ServiceAccounts and RBAC holds them to their roles: take a
 * permission away from one controller's role and its writes are refused in its name.
 */
class ControllerIdentitiesIT {

    @Test
    void aControllerWhoseRoleLostAPermissionIsRefusedAsItsOwnServiceAccount() throws Exception {
        try (ControlPlane cp = ControlPlane.builder()
                .controllers(ControllerManagerConfig.defaults().withControllers(ControllerManager.REPLICASET))
                .build()
                .start()) {
            KubeClient admin = cp.client();
            // keep the role as edited (no autoupdate) and drop "create" on pods from it
            admin.patch(
                    io.fabric8.kubernetes.api.model.rbac.ClusterRole.class,
                    null,
                    "system:controller:replicaset-controller",
                    PatchType.MERGE,
                    "{\"metadata\":{\"annotations\":{\"rbac.authorization.kubernetes.io/autoupdate\":\"false\"}},"
                            + "\"rules\":[{\"verbs\":[\"get\",\"list\",\"watch\",\"update\"],\"apiGroups\":[\"apps\"],"
                            + "\"resources\":[\"replicasets\",\"replicasets/status\"]},"
                            + "{\"verbs\":[\"create\",\"patch\"],\"apiGroups\":[\"\"],\"resources\":[\"events\"]}]}");
            admin.create(new ReplicaSetBuilder()
                    .withNewMetadata()
                    .withName("web")
                    .withNamespace("default")
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(1)
                    .withNewSelector()
                    .addToMatchLabels("app", "web")
                    .endSelector()
                    .withNewTemplate()
                    .withNewMetadata()
                    .addToLabels("app", "web")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("c")
                    .withImage("busybox")
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build());
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(
                                    admin.list(Event.class, "default").items())
                            .anySatisfy(e -> {
                                assertThat(e.getReason()).isEqualTo("FailedCreate");
                                assertThat(e.getMessage())
                                        .contains("User \"system:serviceaccount:kube-system:replicaset-controller\""
                                                + " cannot create resource \"pods\"");
                            }));
            assertThat(admin.get(ReplicaSet.class, "default", "web").getStatus().getReplicas())
                    .isIn(null, 0);
        }
    }
}
