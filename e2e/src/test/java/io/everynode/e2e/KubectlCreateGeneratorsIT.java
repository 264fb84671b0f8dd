package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.api.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every {@code kubectl create <generator>} and {@code kubectl debug node/…}: kubectl builds these
 * objects itself and sends them as protobuf (client-go's typed clients, which do not fall back to
 * JSON on 415), so each passes through the server's protobuf decoder; each object is then read
 * back with {@code kubectl get -o json} and checked for what the command asked for.
 */
class KubectlCreateGeneratorsIT {
    static final String NS = "gen";
    static GuideCluster cluster;
    static Path dir;

    @BeforeAll
    static void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        cluster = GuideCluster.up(2, tmp);
        cluster.namespace(NS);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    private static JsonNode get(String... args) {
        String[] full = new String[args.length + 4];
        full[0] = "get";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "-n";
        full[args.length + 2] = NS;
        full[args.length + 3] = "-ojson";
        return Json.parse(cluster.kubectl(full).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code kubectl create -n NS ARGS}: the namespace first, since what follows {@code --} is the container's command. */
    private static String create(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "create";
        full[1] = "-n";
        full[2] = NS;
        System.arraycopy(args, 0, full, 3, args.length);
        return created(full);
    }

    /** Runs kubectl; its stdout, failing on a non-zero exit or on a warning (a field the server did not know). */
    private static String created(String... args) {
        var r = cluster.kubectl.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).as("kubectl's stderr").doesNotContain("Warning");
        return r.out();
    }

    private static String decoded(JsonNode secret, String key) {
        return new String(Base64.getDecoder().decode(secret.at("/data/" + key).stringValue()), StandardCharsets.UTF_8);
    }

    @Test
    void kubectlSendsItsGeneratedObjectsAsProtobuf() {
        var r = cluster.kubectl.run("create", "configmap", "traced", "--from-literal=a=b", "-n", NS, "-v=8");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("Content-Type: application/vnd.kubernetes.protobuf");
        assertThat(get("configmap", "traced").at("/data/a").stringValue()).isEqualTo("b");
    }

    @Test
    void aConfigMapFromLiteralsAndAFile() throws Exception {
        Path file = dir.resolve("app.conf");
        java.nio.file.Files.writeString(file, "level=debug\n");

        assertThat(create("configmap", "settings", "--from-literal=mode=fast", "--from-file=" + file))
                .isEqualTo("configmap/settings created\n");

        JsonNode cm = get("configmap", "settings");
        assertThat(cm.at("/data/mode").stringValue()).isEqualTo("fast");
        assertThat(cm.at("/data/app.conf").stringValue()).isEqualTo("level=debug\n");
    }

    @Test
    void aGenericSecretKeepsItsBytes() {
        assertThat(create("secret", "generic", "creds", "--from-literal=password=hunter2", "--type=Opaque"))
                .isEqualTo("secret/creds created\n");

        JsonNode s = get("secret", "creds");
        assertThat(s.at("/type").stringValue()).isEqualTo("Opaque");
        assertThat(decoded(s, "password")).isEqualTo("hunter2");
    }

    @Test
    void aTlsSecretCarriesTheCertificateAndKey() throws Exception {
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        Process p = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "1",
                        "-subj",
                        "/CN=example.test",
                        "-keyout",
                        key.toString(),
                        "-out",
                        cert.toString())
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as("openssl req").isZero();

        assertThat(create("secret", "tls", "site", "--cert=" + cert, "--key=" + key))
                .isEqualTo("secret/site created\n");

        JsonNode s = get("secret", "site");
        assertThat(s.at("/type").stringValue()).isEqualTo("kubernetes.io/tls");
        assertThat(decoded(s, "tls.crt")).isEqualTo(java.nio.file.Files.readString(cert));
        assertThat(decoded(s, "tls.key")).isEqualTo(java.nio.file.Files.readString(key));
    }

    @Test
    void aDockerRegistrySecretCarriesItsConfigJson() {
        assertThat(create(
                        "secret",
                        "docker-registry",
                        "pull",
                        "--docker-server=registry.example.test",
                        "--docker-username=robot",
                        "--docker-password=s3cret"))
                .isEqualTo("secret/pull created\n");

        JsonNode s = get("secret", "pull");
        assertThat(s.at("/type").stringValue()).isEqualTo("kubernetes.io/dockerconfigjson");
        JsonNode config = Json.parse(decoded(s, ".dockerconfigjson").getBytes(StandardCharsets.UTF_8));
        assertThat(config.at("/auths/registry.example.test/username").stringValue())
                .isEqualTo("robot");
    }

    @Test
    void aServiceAccountRoleAndRoleBinding() {
        assertThat(create("serviceaccount", "shipper")).isEqualTo("serviceaccount/shipper created\n");
        assertThat(create("role", "pod-reader", "--verb=get,list,watch", "--resource=pods,configmaps"))
                .isEqualTo("role.rbac.authorization.k8s.io/pod-reader created\n");
        assertThat(create("rolebinding", "shipper-reads", "--role=pod-reader", "--serviceaccount=" + NS + ":shipper"))
                .isEqualTo("rolebinding.rbac.authorization.k8s.io/shipper-reads created\n");

        assertThat(get("serviceaccount", "shipper").at("/metadata/name").stringValue())
                .isEqualTo("shipper");
        JsonNode role = get("role", "pod-reader");
        assertThat(role.at("/rules/0/verbs").toString()).isEqualTo("[\"get\",\"list\",\"watch\"]");
        assertThat(role.at("/rules/0/resources").toString()).isEqualTo("[\"pods\",\"configmaps\"]");
        JsonNode rb = get("rolebinding", "shipper-reads");
        assertThat(rb.at("/roleRef/name").stringValue()).isEqualTo("pod-reader");
        assertThat(rb.at("/subjects/0/kind").stringValue()).isEqualTo("ServiceAccount");
        assertThat(rb.at("/subjects/0/namespace").stringValue()).isEqualTo(NS);
    }

    @Test
    void aClusterRoleAndClusterRoleBinding() {
        assertThat(created("create", "clusterrole", "node-reader", "--verb=get,list", "--resource=nodes"))
                .isEqualTo("clusterrole.rbac.authorization.k8s.io/node-reader created\n");
        assertThat(cluster.kubectl(
                        "create",
                        "clusterrolebinding",
                        "alice-reads-nodes",
                        "--clusterrole=node-reader",
                        "--user=alice"))
                .isEqualTo("clusterrolebinding.rbac.authorization.k8s.io/alice-reads-nodes created\n");

        JsonNode crb = Json.parse(cluster.kubectl("get", "clusterrolebinding", "alice-reads-nodes", "-ojson")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(crb.at("/subjects/0/name").stringValue()).isEqualTo("alice");
        assertThat(crb.at("/subjects/0/kind").stringValue()).isEqualTo("User");
        assertThat(crb.at("/roleRef/kind").stringValue()).isEqualTo("ClusterRole");
    }

    @Test
    void aDeploymentWithReplicasAndAPort() {
        assertThat(create("deployment", "web", "--image=example/web:1", "--replicas=2", "--port=8080"))
                .isEqualTo("deployment.apps/web created\n");

        JsonNode d = get("deployment", "web");
        assertThat(d.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(d.at("/spec/selector/matchLabels/app").stringValue()).isEqualTo("web");
        assertThat(d.at("/spec/template/spec/containers/0/image").stringValue()).isEqualTo("example/web:1");
        assertThat(d.at("/spec/template/spec/containers/0/ports/0/containerPort")
                        .asInt())
                .isEqualTo(8080);
    }

    @Test
    void clusterIpAndNodePortServices() {
        assertThat(create("service", "clusterip", "web", "--tcp=80:8080")).isEqualTo("service/web created\n");
        assertThat(create("service", "nodeport", "edge", "--tcp=443:8443")).isEqualTo("service/edge created\n");

        JsonNode web = get("service", "web");
        assertThat(web.at("/spec/type").stringValue()).isEqualTo("ClusterIP");
        assertThat(web.at("/spec/ports/0/port").asInt()).isEqualTo(80);
        assertThat(web.at("/spec/ports/0/targetPort").asInt()).isEqualTo(8080);
        JsonNode edge = get("service", "edge");
        assertThat(edge.at("/spec/type").stringValue()).isEqualTo("NodePort");
        assertThat(edge.at("/spec/ports/0/targetPort").asInt()).isEqualTo(8443);
    }

    @Test
    void aJobAndACronJob() {
        assertThat(create("job", "once", "--image=example/job:1", "--", "true")).isEqualTo("job.batch/once created\n");

        JsonNode job = get("job", "once"); // read before the CronJob is created, so a failure names one kind
        assertThat(job.at("/spec/template/spec/containers/0/command").toString())
                .isEqualTo("[\"true\"]");
        assertThat(job.at("/spec/template/spec/restartPolicy").stringValue()).isEqualTo("Never");
        assertThat(create("cronjob", "nightly", "--image=example/job:1", "--schedule=0 3 * * *", "--", "true"))
                .isEqualTo("cronjob.batch/nightly created\n");
        JsonNode cron = get("cronjob", "nightly");
        assertThat(cron.at("/spec/schedule").stringValue()).isEqualTo("0 3 * * *");
        assertThat(cron.at("/spec/jobTemplate/spec/template/spec/containers/0/image")
                        .stringValue())
                .isEqualTo("example/job:1");
    }

    @Test
    void aPodDisruptionBudgetKeepsItsPercentage() {
        assertThat(create("poddisruptionbudget", "web-pdb", "--selector=app=web", "--min-available=50%"))
                .isEqualTo("poddisruptionbudget.policy/web-pdb created\n");

        JsonNode pdb = get("pdb", "web-pdb");
        assertThat(pdb.at("/spec/minAvailable").stringValue()).isEqualTo("50%");
        assertThat(pdb.at("/spec/selector/matchLabels/app").stringValue()).isEqualTo("web");
    }

    @Test
    void aPriorityClassAndANamespace() {
        assertThat(created("create", "priorityclass", "agents", "--value=100000", "--description=node agents"))
                .isEqualTo("priorityclass.scheduling.k8s.io/agents created\n");
        assertThat(created("create", "namespace", "other")).isEqualTo("namespace/other created\n");

        JsonNode pc = Json.parse(
                cluster.kubectl("get", "priorityclass", "agents", "-ojson").getBytes(StandardCharsets.UTF_8));
        assertThat(pc.at("/value").asInt()).isEqualTo(100000);
        assertThat(pc.at("/description").stringValue()).isEqualTo("node agents");
    }

    @Test
    void anIngressWithARule() {
        assertThat(create("ingress", "site", "--rule=example.test/api*=web:80"))
                .isEqualTo("ingress.networking.k8s.io/site created\n");

        JsonNode ing = get("ingress", "site");
        JsonNode rule = ing.at("/spec/rules/0");
        assertThat(rule.at("/host").stringValue()).isEqualTo("example.test");
        assertThat(rule.at("/http/paths/0/path").stringValue()).isEqualTo("/api");
        assertThat(rule.at("/http/paths/0/pathType").stringValue()).isEqualTo("Prefix");
        assertThat(rule.at("/http/paths/0/backend/service/port/number").asInt()).isEqualTo(80);
    }

    @Test
    void aQuotaKeepsItsQuantities() {
        assertThat(create("quota", "small", "--hard=pods=10,cpu=1500m,memory=2Gi"))
                .isEqualTo("resourcequota/small created\n");

        JsonNode q = get("quota", "small");
        assertThat(q.at("/spec/hard/pods").stringValue()).isEqualTo("10");
        assertThat(q.at("/spec/hard/cpu").stringValue()).isEqualTo("1500m");
        assertThat(q.at("/spec/hard/memory").stringValue()).isEqualTo("2Gi");
    }

    @Test
    void debugNodeCreatesAPodOnThatNodeWithTheHostsNamespacesAndRoot() {
        var r = cluster.kubectl.run("debug", "node/node-2", "-n", NS, "--image=everynode/demo-agent:1", "--", "true");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out() + r.err()).contains("Creating debugging pod node-debugger-node-2-");
        assertThat(r.err()).doesNotContain("Warning: unknown field");

        JsonNode pod = await().atMost(GuideCluster.WAIT).until(KubectlCreateGeneratorsIT::debugPod, p -> p != null);
        assertThat(pod.at("/spec/nodeName").stringValue()).isEqualTo("node-2");
        assertThat(pod.at("/spec/hostNetwork").asBoolean()).isTrue();
        assertThat(pod.at("/spec/hostPID").asBoolean()).isTrue();
        assertThat(pod.at("/spec/hostIPC").asBoolean()).isTrue();
        assertThat(pod.at("/spec/containers/0/image").stringValue()).isEqualTo("everynode/demo-agent:1");
        assertThat(pod.at("/spec/containers/0/command/0").stringValue()).isEqualTo("true");
        String volume = pod.at("/spec/containers/0/volumeMounts/0/name").stringValue();
        assertThat(pod.at("/spec/containers/0/volumeMounts/0/mountPath").stringValue())
                .isEqualTo("/host");
        assertThat(pod.at("/spec/volumes/0/name").stringValue()).isEqualTo(volume);
        assertThat(pod.at("/spec/volumes/0/hostPath/path").stringValue()).isEqualTo("/");
        String name = pod.at("/metadata/name").stringValue();
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(
                        () -> assertThat(get("pod", name).at("/status/phase").stringValue())
                                .isIn("Running", "Succeeded"));
    }

    /** The pod {@code kubectl debug node/node-2} created, or null while there is none. */
    private static JsonNode debugPod() {
        for (JsonNode p : get("pods").path("items")) {
            if (p.at("/metadata/name").stringValue().startsWith("node-debugger-node-2-")) return p;
        }
        return null;
    }
}
