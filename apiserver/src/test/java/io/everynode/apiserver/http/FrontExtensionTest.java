package io.everynode.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An extension of the HTTP front lives under a prefix of its own and can never answer for the API. */
class FrontExtensionTest {
    private static final Handler NOTHING = new Handler.Abstract() {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            return false;
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {"/api/", "/apis/", "/apis/apps/", "/healthz/", "/version/", "/openapi/v2/", "/metrics/"})
    void aPrefixUnderAnApiRootIsRefused(String prefix) {
        assertThatThrownBy(() -> new FrontExtension(prefix, NOTHING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may not shadow");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "dashboard/", "/dashboard", ""})
    void aPrefixMustNameSomethingBetweenSlashes(String prefix) {
        assertThatThrownBy(() -> new FrontExtension(prefix, NOTHING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts and ends with /");
    }

    @Test
    void theExtensionServesItsPrefixAndRedirectsItsBareName() {
        FrontExtension e = new FrontExtension("/dashboard/", NOTHING);

        assertThat(e.serves("/dashboard/")).isTrue();
        assertThat(e.serves("/dashboard/api/fleet")).isTrue();
        assertThat(e.serves("/dashboards/")).isFalse();
        assertThat(e.serves("/api/v1/pods")).isFalse();
        assertThat(e.isBare("/dashboard")).isTrue();
        assertThat(e.isBare("/dash")).isFalse();
    }

    @Test
    void aNameThatMerelyStartsLikeAnApiRootIsAllowed() {
        assertThat(new FrontExtension("/apidocs/", NOTHING).pathPrefix()).isEqualTo("/apidocs/");
    }
}
