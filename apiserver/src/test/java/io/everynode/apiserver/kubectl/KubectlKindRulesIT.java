package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.Kubectl.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What kubectl prints when a built-in kind's rule refuses a manifest (docs/kinds.md): upstream's
 * lines, and nothing created.
 */
class KubectlKindRulesIT extends KubectlTestBase {

    @BeforeAll
    void seed() {
        world.namespace("kinds");
    }

    @Test
    void aNodePortOutsideTheRangeIsPrintedAsKubectlPrintsItAgainstACluster() {
        Result r = kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: low-port, namespace: kinds}
                spec:
                  type: NodePort
                  selector: {app: web}
                  ports: [{port: 80, nodePort: 8080}]
                """, "apply", "-f", "-");
        assertThat(r.exitCode()).as(r.out()).isNotZero();
        assertThat(r.err())
                .contains("The Service \"low-port\" is invalid: spec.ports[0].nodePort: Invalid value: 8080: "
                        + "provided port is not in the valid range. The range of valid ports is 30000-32767");
        assertThat(api.exists("/api/v1/namespaces/kinds/services/low-port")).isFalse();
    }

    @Test
    void aSecretWithBadBase64NamesTheKey() {
        Result r = kubectl.runWithInput("""
                apiVersion: v1
                kind: Secret
                metadata: {name: bad, namespace: kinds}
                data: {token: "not base64!"}
                """, "apply", "-f", "-");
        assertThat(r.exitCode()).as(r.out()).isNotZero();
        assertThat(r.err())
                .contains("The Secret \"bad\" is invalid: data[token]: Invalid value: \"<secret contents redacted>\": "
                        + "illegal base64 data at input byte 3");
        assertThat(api.exists("/api/v1/namespaces/kinds/secrets/bad")).isFalse();
    }

    @Test
    void aPodNamingAMissingServiceAccountIsForbidden() {
        Result r = kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: lonely, namespace: kinds}
                spec:
                  serviceAccountName: speaker
                  containers: [{name: c, image: "nginx:1.27"}]
                """, "apply", "-f", "-");
        assertThat(r.exitCode()).as(r.out()).isNotZero();
        assertThat(r.err())
                .contains("pods \"lonely\" is forbidden: error looking up service account kinds/speaker: "
                        + "serviceaccount \"speaker\" not found");
        assertThat(api.exists("/api/v1/namespaces/kinds/pods/lonely")).isFalse();
    }

    @Test
    void theDefaultServiceAccountAndTheKubernetesServiceAreThere() {
        assertThat(kubectl.ok("get", "serviceaccount", "default", "-n", "kinds", "-o", "name"))
                .isEqualTo("serviceaccount/default\n");
        assertThat(kubectl.ok("get", "service", "kubernetes", "-n", "default", "-o", "jsonpath={.spec.clusterIP}"))
                .isEqualTo("10.96.0.1");
    }
}
