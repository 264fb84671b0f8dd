package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RBAC through the real kubectl: the open loopback server's administrator impersonates
 * ({@code --as}) users that RBAC alone decides for, so these requests meet the same authorizer a
 * token or certificate user meets.
 */
class KubectlRbacIT extends KubectlTestBase {
    private static final String READER = "system:serviceaccount:rbac-a:reader";

    @BeforeAll
    void seed() {
        world.namespace("rbac-a");
        world.namespace("rbac-b");
        world.barePod("rbac-a", "x", null, "{}");
        kubectl.ok("create", "role", "pod-getter", "-n", "rbac-a", "--verb=get", "--resource=pods");
        kubectl.ok(
                "create",
                "rolebinding",
                "pod-getter",
                "-n",
                "rbac-a",
                "--role=pod-getter",
                "--serviceaccount=rbac-a:reader");
        kubectl.ok("create", "role", "role-maker", "-n", "rbac-b", "--verb=create,get", "--resource=roles");
        kubectl.ok("create", "rolebinding", "role-maker", "-n", "rbac-b", "--role=role-maker", "--user=alice");
        // the bindings reach the authorizer through the watch cache
        await().atMost(Duration.ofSeconds(10))
                .until(() -> kubectl.run("get", "pod", "x", "-n", "rbac-a", "--as=" + READER)
                                .exitCode()
                        == 0);
    }

    @Test
    void aRoleThatAllowsOnlyGetPodsLetsTheAccountReadOnePod() {
        assertThat(kubectl.ok("get", "pod", "x", "-n", "rbac-a", "--as=" + READER, "-o", "name"))
                .isEqualTo("pod/x\n");
    }

    @Test
    void listingAndDeletingAreForbiddenWithUpstreamsMessages() {
        Kubectl.Result list = kubectl.run("get", "pods", "-n", "rbac-a", "--as=" + READER);
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err())
                .contains("Error from server (Forbidden): pods is forbidden: User \"" + READER
                        + "\" cannot list resource \"pods\" in API group \"\" in the namespace \"rbac-a\"");
        Kubectl.Result delete = kubectl.run("delete", "pod", "x", "-n", "rbac-a", "--as=" + READER);
        assertThat(delete.exitCode()).isEqualTo(1);
        assertThat(delete.err())
                .contains("Error from server (Forbidden): pods \"x\" is forbidden: User \"" + READER
                        + "\" cannot delete resource \"pods\" in API group \"\" in the namespace \"rbac-a\"");
        Kubectl.Result other = kubectl.run("get", "pod", "x", "-n", "rbac-b", "--as=" + READER);
        assertThat(other.err()).contains("cannot get resource \"pods\" in API group \"\" in the namespace \"rbac-b\"");
    }

    @Test
    void canIAnswersYesAndNoAsTheAuthorizerDecides() {
        assertThat(kubectl.ok("auth", "can-i", "get", "pods/x", "-n", "rbac-a", "--as=" + READER))
                .isEqualTo("yes\n");
        Kubectl.Result no = kubectl.run("auth", "can-i", "delete", "pods", "-n", "rbac-a", "--as=" + READER);
        assertThat(no.exitCode()).isEqualTo(1);
        assertThat(no.out()).isEqualTo("no\n");
        assertThat(kubectl.run("auth", "can-i", "create", "deployments", "-n", "rbac-a", "--as=" + READER)
                        .out())
                .isEqualTo("no\n");
        assertThat(kubectl.ok("auth", "can-i", "create", "deployments", "-n", "rbac-a"))
                .isEqualTo("yes\n");
    }

    @Test
    void canIListShowsTheRulesTheAccountHoldsInTheNamespace() {
        String out = kubectl.ok("auth", "can-i", "--list", "-n", "rbac-a", "--as=" + READER);
        assertThat(out).containsPattern("(?m)^Resources\\s+Non-Resource URLs\\s+Resource Names\\s+Verbs$");
        assertThat(out).containsPattern("(?m)^pods\\s+\\[\\]\\s+\\[\\]\\s+\\[get\\]$");
        assertThat(out)
                .containsPattern(
                        "(?m)^selfsubjectaccessreviews.authorization.k8s.io\\s+\\[\\]\\s+\\[\\]\\s+\\[create\\]$");
        assertThat(out).containsPattern("(?m)^\\s+\\[/version\\]\\s+\\[\\]\\s+\\[get\\]$");
        assertThat(kubectl.ok("auth", "can-i", "--list", "-n", "rbac-b", "--as=" + READER))
                .doesNotContainPattern("(?m)^pods\\s");
    }

    @Test
    void creatingARoleWithPermissionsNotHeldIsRefusedWithUpstreamsMessage() {
        Kubectl.Result r = kubectl.run(
                "create", "role", "sneaky", "-n", "rbac-b", "--verb=get", "--resource=secrets", "--as=alice");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .contains("roles.rbac.authorization.k8s.io \"sneaky\" is forbidden: user \"alice\""
                        + " (groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not"
                        + " currently held:\n{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\"]}");
        assertThat(kubectl.run("get", "role", "sneaky", "-n", "rbac-b").exitCode())
                .isEqualTo(1);
        // a role within what alice holds is fine
        assertThat(kubectl.ok("create", "role", "fine", "-n", "rbac-b", "--verb=get", "--resource=roles", "--as=alice"))
                .contains("role.rbac.authorization.k8s.io/fine created");
    }

    @Test
    void theDefaultClusterRolesAreThereWithUpstreamsLabels() {
        String out = kubectl.ok("get", "clusterroles", "-l", "kubernetes.io/bootstrapping=rbac-defaults", "-o", "name");
        assertThat(out)
                .contains(
                        "clusterrole.rbac.authorization.k8s.io/cluster-admin\n",
                        "clusterrole.rbac.authorization.k8s.io/system:controller:daemon-set-controller\n",
                        "clusterrole.rbac.authorization.k8s.io/view\n");
    }
}
