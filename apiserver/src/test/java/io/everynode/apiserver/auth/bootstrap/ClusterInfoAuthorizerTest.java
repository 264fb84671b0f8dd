package io.everynode.apiserver.auth.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.auth.Authorizer;
import io.everynode.apiserver.auth.RequestAttributes;
import io.everynode.apiserver.auth.UserInfo;
import org.junit.jupiter.api.Test;

class ClusterInfoAuthorizerTest {
    private final ClusterInfoAuthorizer authorizer = new ClusterInfoAuthorizer();

    @Test
    void anyoneMayGetTheClusterInfoConfigMap() {
        assertThat(decide("get", "configmaps", "kube-public", "cluster-info")).isEqualTo(Authorizer.Kind.ALLOW);
    }

    @Test
    void nothingElseGetsAnOpinion() {
        assertThat(decide("list", "configmaps", "kube-public", "")).isEqualTo(Authorizer.Kind.NO_OPINION);
        assertThat(decide("update", "configmaps", "kube-public", "cluster-info"))
                .isEqualTo(Authorizer.Kind.NO_OPINION);
        assertThat(decide("get", "configmaps", "kube-system", "cluster-info")).isEqualTo(Authorizer.Kind.NO_OPINION);
        assertThat(decide("get", "configmaps", "kube-public", "other")).isEqualTo(Authorizer.Kind.NO_OPINION);
        assertThat(decide("get", "secrets", "kube-public", "cluster-info")).isEqualTo(Authorizer.Kind.NO_OPINION);
    }

    private Authorizer.Kind decide(String verb, String resource, String namespace, String name) {
        return authorizer
                .authorize(RequestAttributes.resource(UserInfo.ANONYMOUS, verb, "", resource, "", namespace, name))
                .kind();
    }
}
