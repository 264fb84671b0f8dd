package io.everynode.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.rest.Route;
import io.everynode.apiserver.rest.Router;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestAttributesTest {
    private static final UserInfo ALICE = UserInfo.authenticated("alice", "", List.of(), Map.of());

    @ParameterizedTest(name = "{0} {1}?{2} -> {3} {4}/{5}/{6} in \"{7}\" named \"{8}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                // method | path | query | verb | group | resource | subresource | namespace | name
                "GET | /api/v1/namespaces/default/pods | '' | list | '' | pods | '' | default | ''",
                "GET | /api/v1/namespaces/default/pods | watch=true | watch | '' | pods | '' | default | ''",
                "GET | /api/v1/pods | '' | list | '' | pods | '' | '' | ''",
                "GET | /api/v1/namespaces/default/pods/x | '' | get | '' | pods | '' | default | x",
                "HEAD | /api/v1/namespaces/default/pods/x | '' | get | '' | pods | '' | default | x",
                "GET | /api/v1/namespaces/default/pods/x/log | '' | get | '' | pods | log | default | x",
                // a WebSocket exec is a GET, authorized as create (upstream since 1.35)
                "GET | /api/v1/namespaces/default/pods/x/exec | '' | create | '' | pods | exec | default | x",
                "POST | /api/v1/namespaces/default/pods/x/exec | '' | create | '' | pods | exec | default | x",
                // so is kubectl's SPDY-over-WebSocket port-forward
                "GET | /api/v1/namespaces/default/pods/x/portforward | '' | create | '' | pods | portforward | default | x",
                "POST | /api/v1/namespaces/default/pods | '' | create | '' | pods | '' | default | ''",
                "POST | /api/v1/namespaces/default/pods/x/binding | '' | create | '' | pods | binding | default | x",
                "PUT | /api/v1/namespaces/default/pods/x/status | '' | update | '' | pods | status | default | x",
                "PATCH | /apis/apps/v1/namespaces/a/deployments/d/scale | '' | patch | apps | deployments | scale | a | d",
                "DELETE | /api/v1/namespaces/default/pods | '' | deletecollection | '' | pods | '' | default | ''",
                "DELETE | /api/v1/namespaces/default/pods/x | '' | delete | '' | pods | '' | default | x",
                "GET | /api/v1/namespaces/kube-system | '' | get | '' | namespaces | '' | kube-system | kube-system",
                "PUT | /api/v1/namespaces/gone/finalize | '' | update | '' | namespaces | finalize | gone | gone",
                "GET | /api/v1/nodes/n1 | '' | get | '' | nodes | '' | '' | n1",
                "GET | /apis/rbac.authorization.k8s.io/v1/clusterroles | '' | list | rbac.authorization.k8s.io | clusterroles | '' | '' | ''",
            })
    void resourceRequestsAreNamedAsUpstreamsRequestInfoNamesThem(
            String method,
            String path,
            String query,
            String verb,
            String group,
            String resource,
            String sub,
            String namespace,
            String name) {
        Map<String, List<String>> q = query.isEmpty()
                ? Map.of()
                : Map.of(query.substring(0, query.indexOf('=')), List.of(query.substring(query.indexOf('=') + 1)));
        ApiRequest req = new ApiRequest(method, path, q, Map.of(), null);
        RequestAttributes a = RequestAttributes.of(req, Router.resolve(path), ALICE);
        assertThat(a.resourceRequest()).isTrue();
        assertThat(List.of(a.verb(), a.apiGroup(), a.resource(), a.subresource(), a.namespace(), a.name()))
                .containsExactly(verb, group, resource, sub, namespace, name);
        assertThat(a.path()).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {"GET | /healthz | get", "GET | /apis | get", "POST | /version | post", "GET | /openapi/v3 | get"})
    void otherPathsAreNonResourceRequestsWithTheMethodAsVerb(String method, String path, String verb) {
        RequestAttributes a = RequestAttributes.of(
                new ApiRequest(method, path, Map.of(), Map.of(), null), Router.resolve(path), ALICE);
        assertThat(a.resourceRequest()).isFalse();
        assertThat(a.verb()).isEqualTo(verb);
        assertThat(a.path()).isEqualTo(path);
        assertThat(a.resource()).isEmpty();
    }

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
