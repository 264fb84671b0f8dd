package io.everynode.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.errors.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessControlTest {
    private static final UserInfo ALICE = UserInfo.authenticated("alice", "", List.of("dev"), Map.of());

    /** Alice's credential is the header "x-user: alice"; alice may impersonate what {@code allowed} lists. */
    private static AccessControl secured(List<String> allowed, List<RequestAttributes> asked) {
        Authenticator byHeader =
                req -> "alice".equals(req.header("x-user")) ? Optional.of(ALICE) : Optional.<UserInfo>empty();
        Authorizer impersonations = a -> {
            asked.add(a);
            String key = a.verb() + " " + a.resourceWithSubresource() + " " + a.namespace() + "/" + a.name();
            return allowed.contains(key) ? Authorizer.Decision.allow("") : Authorizer.Decision.NO_OPINION;
        };
        return new AccessControl(List.of(byHeader), List.of(impersonations), false);
    }

    private static ApiRequest request(Map<String, String> headers) {
        return new ApiRequest("GET", "/api/v1/namespaces/default/pods", Map.of(), headers, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "named | get | '' | pods | '' | default | x | pods \"x\" is forbidden: User \"alice\" cannot get resource"
                        + " \"pods\" in API group \"\" in the namespace \"default\"",
                "collection | list | '' | pods | '' | default | '' | pods is forbidden: User \"alice\" cannot list"
                        + " resource \"pods\" in API group \"\" in the namespace \"default\"",
                "cluster-scoped | get | '' | nodes | '' | '' | n1 | nodes \"n1\" is forbidden: User \"alice\" cannot get"
                        + " resource \"nodes\" in API group \"\" at the cluster scope",
                "subresource | create | '' | pods | exec | default | x | pods \"x\" is forbidden: User \"alice\" cannot"
                        + " create resource \"pods/exec\" in API group \"\" in the namespace \"default\"",
                "group | list | apps | deployments | '' | default | '' | deployments.apps is forbidden: User \"alice\""
                        + " cannot list resource \"deployments\" in API group \"apps\" in the namespace \"default\"",
            })
    void refusedResourceRequestsGetUpstreamsMessage(
            String what, String verb, String group, String resource, String sub, String ns, String name, String msg) {
        AccessControl ac = secured(List.of(), new ArrayList<>());
        RequestAttributes a = RequestAttributes.resource(ALICE, verb, group, resource, sub, ns, name);
        assertThatThrownBy(() -> ac.authorize(a)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(403);
            assertThat(e.status().path("message").asString()).isEqualTo(msg);
            assertThat(e.status().path("reason").asString()).isEqualTo("Forbidden");
            assertThat(e.status().at("/details/kind").asString()).isEqualTo(resource);
        });
    }

    @Test
    void aRefusedNonResourceRequestNamesThePath() {
        AccessControl ac = secured(List.of(), new ArrayList<>());
        RequestAttributes a = new RequestAttributes(ALICE, "get", false, "", "", "", "", "", "", "/metrics");
        assertThatThrownBy(() -> ac.authorize(a))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.status().path("message").asString())
                                .isEqualTo("forbidden: User \"alice\" cannot get path \"/metrics\""));
    }

    @Test
    void anAnonymousRequestIsUnauthorizedExceptOnThePublicPaths() {
        AccessControl ac = secured(List.of(), new ArrayList<>());
        UserInfo who = ac.authenticate(request(Map.of()));
        assertThat(who).isEqualTo(UserInfo.ANONYMOUS);
        assertThatThrownBy(() -> ac.authorize(RequestAttributes.resource(who, "list", "", "pods", "", "default", "")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(401));
        ac.authorize(new RequestAttributes(who, "get", false, "", "", "", "", "", "", "/healthz"));
    }

    @Test
    void impersonatingAServiceAccountNeedsImpersonateOnItAndAddsItsGroups() {
        List<RequestAttributes> asked = new ArrayList<>();
        AccessControl ac = secured(List.of("impersonate serviceaccounts ns/robot"), asked);
        UserInfo who = ac.authenticate(
                request(Map.of("x-user", "alice", "impersonate-user", "system:serviceaccount:ns:robot")));
        assertThat(who.name()).isEqualTo("system:serviceaccount:ns:robot");
        assertThat(who.groups())
                .containsExactly("system:serviceaccounts", "system:serviceaccounts:ns", UserInfo.AUTHENTICATED);
        assertThat(asked).singleElement().satisfies(a -> assertThat(a.user()).isEqualTo(ALICE));
    }

    @Test
    void impersonatingAUserAndGroupsChecksEachAndRunsAsThemAlone() {
        AccessControl ac = secured(List.of("impersonate users /bob", "impersonate groups /ops"), new ArrayList<>());
        UserInfo who = ac.authenticate(
                request(Map.of("x-user", "alice", "impersonate-user", "bob", "impersonate-group", "ops")));
        assertThat(who.name()).isEqualTo("bob");
        assertThat(who.groups()).containsExactly("ops", UserInfo.AUTHENTICATED);
        assertThat(who.inGroup("dev")).isFalse();
    }

    @Test
    void anImpersonationNotAllowedIsForbiddenWithUpstreamsMessage() {
        AccessControl ac = secured(List.of("impersonate users /bob"), new ArrayList<>());
        assertThatThrownBy(() -> ac.authenticate(request(
                        Map.of("x-user", "alice", "impersonate-user", "bob", "impersonate-group", "system:masters"))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.status().path("message").asString())
                            .isEqualTo("groups \"system:masters\" is forbidden: User \"alice\" cannot impersonate"
                                    + " resource \"groups\" in API group \"\" at the cluster scope");
                });
    }

    @Test
    void groupsWithoutAUserToImpersonateAreABadRequest() {
        AccessControl ac = secured(List.of(), new ArrayList<>());
        assertThatThrownBy(() -> ac.authenticate(request(Map.of("x-user", "alice", "impersonate-group", "ops"))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void mastersPassWithoutAskingTheAuthorizers() {
        List<RequestAttributes> asked = new ArrayList<>();
        AccessControl ac = secured(List.of(), asked);
        UserInfo root = UserInfo.authenticated("root", "", List.of(UserInfo.MASTERS), Map.of());
        ac.authorize(RequestAttributes.resource(root, "delete", "", "nodes", "", "", "n1"));
        assertThat(asked).isEmpty();
    }
}
