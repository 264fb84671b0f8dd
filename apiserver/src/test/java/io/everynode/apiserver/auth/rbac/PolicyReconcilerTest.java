package io.everynode.apiserver.auth.rbac;

import static io.everynode.apiserver.auth.rbac.InProcess.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class PolicyReconcilerTest {
    private static final String ROLES = "/apis/rbac.authorization.k8s.io/v1/clusterroles/";

    @Test
    void aDefaultRoleThatLostRulesGetsThemBackOnTheNextStartUnlessItOptedOut() {
        Store store = Stores.open(StoreConfig.memory(), Clock.systemUTC());
        try {
            ApiServer first = new ApiServer(ApiServerConfig.defaults(), store, Clock.systemUTC());
            String stripped = "{\"metadata\":{\"name\":\"system:discovery\",\"annotations\":"
                    + "{\"rbac.authorization.kubernetes.io/autoupdate\":\"true\"}},\"rules\":[]}";
            assertThat(call(first, UserInfo.APISERVER, "PUT", ROLES + "system:discovery", stripped)
                            .code())
                    .isEqualTo(200);
            String kept = "{\"metadata\":{\"name\":\"system:basic-user\",\"annotations\":"
                    + "{\"rbac.authorization.kubernetes.io/autoupdate\":\"false\"}},\"rules\":[]}";
            assertThat(call(first, UserInfo.APISERVER, "PUT", ROLES + "system:basic-user", kept)
                            .code())
                    .isEqualTo(200);
            assertThat(call(first, UserInfo.APISERVER, "DELETE", ROLES + "view", null)
                            .code())
                    .isEqualTo(200);
            first.close();

            ApiServer second = new ApiServer(ApiServerConfig.defaults(), store, Clock.systemUTC());
            try {
                assertThat(call(second, UserInfo.APISERVER, "GET", ROLES + "system:discovery", null)
                                .json()
                                .at("/rules/0/nonResourceURLs")
                                .toString())
                        .contains("\"/api\"", "\"/version\"");
                assertThat(call(second, UserInfo.APISERVER, "GET", ROLES + "system:basic-user", null)
                                .json()
                                .path("rules"))
                        .isEmpty();
                assertThat(call(second, UserInfo.APISERVER, "GET", ROLES + "view", null)
                                .json()
                                .at("/aggregationRule/clusterRoleSelectors/0/matchLabels")
                                .toString())
                        .isEqualTo("{\"rbac.authorization.k8s.io/aggregate-to-view\":\"true\"}");
            } finally {
                second.close();
            }
        } finally {
            store.close();
        }
    }
}
