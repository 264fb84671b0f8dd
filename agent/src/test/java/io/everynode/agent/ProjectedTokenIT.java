package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.process.ProcessRuntime;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.auth.SecurityConfig;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.client.KubeClient;
import io.everynode.controllers.manager.ControllerManagerConfig;
import io.everynode.controlplane.ControlPlane;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process pod on a server that issues ServiceAccount tokens: it gets the kube-api-access volume,
 * the agent writes the pod-bound token, the CA the root-ca-cert-publisher published and the
 * namespace into it, and the container calls the API with its token (curl, in the container).
 * The server is open to requests without credentials, as every test server, so the container
 * also sends a corrupted copy (refused: the token is read), and the test authenticates the
 * token the container read to see whom it stands for.
 */
class ProjectedTokenIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";
    private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n";

    @TempDir
    Path dir;

    private ControlPlane controlPlane;
    private KubeClient client;
    private ProcessRuntime runtime;
    private NodeAgent agent;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "bind mounts need root");
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        controlPlane = ControlPlane.builder()
                .apiServer(ApiServerConfig.defaults()
                        .withSecurity(SecurityConfig.open().withServiceAccountKeys(g.generateKeyPair())))
                .controllers(ControllerManagerConfig.defaults().withRootCa(CA))
                .build()
                .start();
        client = controlPlane.client();
    }

    @AfterEach
    void stop() {
        if (agent != null) agent.close();
        if (runtime != null) {
            for (Pod pod : client.list(Pod.class, "default").items())
                runtime.removePod(pod.getMetadata().getUid());
            runtime.close();
        }
        if (controlPlane != null) controlPlane.close();
    }

    @Test
    void aProcessPodReadsItsProjectedTokenAndCallsTheApiWithIt() throws Exception {
        String node = "tok-" + UUID.randomUUID().toString().substring(0, 8);
        runtime = new ProcessRuntime(ProcessRuntime.Config.of(dir.resolve("root"), dir.resolve("images"), node));
        agent = NodeAgent.start(client, TestCluster.agentConfig(node), runtime, Clock.systemUTC());
        await().atMost(WAIT).until(() -> exists("default", "kube-root-ca.crt"));
        // RBAC: the pod's account (default/default) may list pods in its namespace.
        client.create(new io.fabric8.kubernetes.api.model.rbac.RoleBuilder()
                .withNewMetadata()
                .withName("pod-reader")
                .withNamespace("default")
                .endMetadata()
                .addNewRule()
                .withApiGroups("")
                .withResources("pods")
                .withVerbs("list")
                .endRule()
                .build());
        client.create(new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
                .withNewMetadata()
                .withName("default-reads-pods")
                .withNamespace("default")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "pod-reader")
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("default")
                .withNamespace("default")
                .endSubject()
                .build());
        String url = controlPlane.url() + "/api/v1/namespaces/default/pods";
        String script = "T=$(cat " + MOUNT + "/token); echo \"ns=$(cat " + MOUNT + "/namespace)\"; "
                + "echo \"ca=$(head -1 " + MOUNT + "/ca.crt)\"; "
                + "echo \"with-token $(curl -s -o /dev/null -w '%{http_code}' -H \"Authorization: Bearer $T\" " + url
                + ")\"; echo \"bad-token $(curl -s -o /dev/null -w '%{http_code}' -H \"Authorization: Bearer ${T}x\" "
                + url + ")\"; exec sleep 600";

        client.create(new PodBuilder()
                .withNewMetadata()
                .withName("caller")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .withTerminationGracePeriodSeconds(2L)
                .addNewContainer()
                .withName("main")
                .withImage("busybox:1.36")
                .withCommand("sh", "-c", script)
                .endContainer()
                .endSpec()
                .build());
        await().atMost(WAIT).until(() -> TestCluster.runningAndReady(client.get(Pod.class, "default", "caller")));
        Pod pod = client.get(Pod.class, "default", "caller");
        String uid = pod.getMetadata().getUid();
        assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts().get(0).getMountPath())
                .isEqualTo(MOUNT);

        await().atMost(WAIT).until(() -> log(uid).contains("bad-token"));
        assertThat(log(uid))
                .contains("ns=default", "ca=-----BEGIN CERTIFICATE-----", "with-token 200", "bad-token 401");
        String token = cat(uid, MOUNT + "/token");
        UserInfo user = controlPlane
                .api()
                .access()
                .authenticate(
                        new ApiRequest("GET", "/api", Map.of(), Map.of("authorization", "Bearer " + token), null));
        assertThat(user.name()).isEqualTo("system:serviceaccount:default:default");
        assertThat(user.extra().get("authentication.kubernetes.io/pod-name")).containsExactly("caller");
        assertThat(user.extra().get("authentication.kubernetes.io/pod-uid")).containsExactly(uid);
    }

    private boolean exists(String ns, String name) {
        try {
            client.get(ConfigMap.class, ns, name);
            return true;
        } catch (io.everynode.client.ApiError e) {
            if (e.isNotFound()) return false;
            throw e;
        }
    }

    private String log(String uid) throws Exception {
        Path f = runtime.logFile(uid, "main", false).orElse(null);
        return f == null || !Files.exists(f) ? "" : io.everynode.agent.crilog.CriLines.text(f);
    }

    /** The file as the container sees it, in its own mount namespace. */
    private String cat(String uid, String file) {
        ContainerRuntime.ExecResult r = runtime.exec(uid, "main", List.of("cat", file), Duration.ofSeconds(10));
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r.output();
    }
}
