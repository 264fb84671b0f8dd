package io.everynode.controllers.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.controllers.testing.InProcessCluster;
import org.junit.jupiter.api.Test;

/** Which controllers a manager runs. */
class ControllerManagerIT {

    @Test
    void theDefaultsRunEveryController() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(ControllerManagerConfig.defaults())) {
            assertThat(cluster.manager.controllers())
                    .containsExactlyInAnyOrder(
                            ControllerManager.DAEMONSET,
                            ControllerManager.ADVANCED_DAEMONSET,
                            ControllerManager.SCHEDULER,
                            ControllerManager.NODE_LIFECYCLE,
                            ControllerManager.POD_GC,
                            ControllerManager.ENDPOINTS,
                            ControllerManager.ENDPOINT_SLICE,
                            ControllerManager.SERVICE_ACCOUNT,
                            ControllerManager.CLUSTER_ROLE_AGGREGATION,
                            ControllerManager.REPLICASET,
                            ControllerManager.DEPLOYMENT,
                            ControllerManager.CSR_SIGNING,
                            ControllerManager.CSR_APPROVING,
                            ControllerManager.BOOTSTRAP_SIGNER,
                            ControllerManager.TOKEN_CLEANER);
        }
    }

    @Test
    void namedControllersRunAlone() throws Exception {
        try (InProcessCluster cluster =
                new InProcessCluster(ControllerManagerConfig.defaults().withControllers(ControllerManager.POD_GC))) {
            assertThat(cluster.manager.controllers()).containsExactly(ControllerManager.POD_GC);
        }
    }

    @Test
    void anUnknownControllerNameIsRefused() {
        assertThatThrownBy(() ->
                        new InProcessCluster(ControllerManagerConfig.defaults().withControllers("statefulset")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown controller \"statefulset\"");
    }
}
