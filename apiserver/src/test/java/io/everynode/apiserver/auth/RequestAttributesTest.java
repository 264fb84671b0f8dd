package io.everynode.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.rest.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestAttributesTest {
    private static RequestAttributes secrets(Map<String, List<String>> query) {
        ApiRequest req = new ApiRequest("GET", "/api/v1/namespaces/ns/secrets", query, Map.of(), null);
        return RequestAttributes.of(
                req, Optional.of(new Route(ResourceTypes.SECRETS, "ns", null, null)), UserInfo.ANONYMOUS);
    }

    @Test
    void aListOrWatchOfOneObjectByItsNameFieldSelectorCarriesThatName() {
        RequestAttributes list = secrets(Map.of("fieldSelector", List.of("metadata.name=creds")));
        assertThat(list.verb()).isEqualTo("list");
        assertThat(list.name()).isEqualTo("creds");

        RequestAttributes watch =
                secrets(Map.of("fieldSelector", List.of("metadata.name==creds,type=Opaque"), "watch", List.of("true")));
        assertThat(watch.verb()).isEqualTo("watch");
        assertThat(watch.name()).isEqualTo("creds");
    }

    @Test
    void aListWithoutAnExactNameHasNoName() {
        assertThat(secrets(Map.of()).name()).isEmpty();
        assertThat(secrets(Map.of("fieldSelector", List.of("metadata.name!=creds")))
                        .name())
                .isEmpty();
        assertThat(secrets(Map.of("fieldSelector", List.of("type=Opaque"))).name())
                .isEmpty();
        assertThat(secrets(Map.of("fieldSelector", List.of("metadata.name"))).name())
                .isEmpty();
    }
}
