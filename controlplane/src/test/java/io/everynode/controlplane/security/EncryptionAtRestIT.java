package io.everynode.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.api.json.Json;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.auth.SecurityConfig;
import io.everynode.controlplane.ControlPlane;
import io.everynode.store.StoreConfig;
import io.everynode.testkit.Kubectl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Secrets encrypted at rest on a real server (SQLite store, HTTP, the real kubectl): the store
 * and the files on disk hold no secret value, kubectl and watches read it back plain, after a
 * restart too; a wrong key stops the server at start with a message naming key and object; and
 * an existing plain Secret gets encrypted by upstream's replace-everything command.
 */
class EncryptionAtRestIT {
    static final String VALUE = "correct-horse-battery-staple-7431";
    static final String VALUE_B64 = Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8));
    static final String KEY = "/registry/secrets/default/db";

    @TempDir
    Path dir;

    Path config(String providers) throws IOException {
        Path file = dir.resolve("encryption-" + Math.abs(providers.hashCode()) + ".yaml");
        Files.writeString(file, """
                apiVersion: apiserver.config.k8s.io/v1
                kind: EncryptionConfiguration
                resources:
                - resources: [secrets]
                  providers:
                """ + providers);
        return file;
    }

    static String aesgcm(String name, int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return "  - aesgcm:\n      keys:\n      - name: " + name + "\n        secret: "
                + Base64.getEncoder().encodeToString(k) + "\n";
    }

    ControlPlane start(Path encryption) throws Exception {
        SecurityConfig security = SecurityConfig.open();
        if (encryption != null) security = security.withEncryptionConfig(encryption);
        return ControlPlane.builder()
                .store(StoreConfig.sqlite(dir.resolve("data")))
                .apiServer(ApiServerConfig.defaults().withSecurity(security))
                .controllers(null)
                .build()
                .start();
    }

    Kubectl kubectl(ControlPlane cp) throws IOException {
        return Kubectl.forServer(cp.url(), Files.createDirectories(dir.resolve("kubectl")));
    }

    static String stored(ControlPlane cp) {
        return new String(cp.store().get(KEY).orElseThrow().value(), StandardCharsets.ISO_8859_1);
    }

    static String readBack(Kubectl kubectl) {
        String b64 = kubectl.ok("get", "secret", "db", "-o", "jsonpath={.data.password}");
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    /** Every byte the store wrote to disk (database, journal, WAL), as one string. */
    String disk() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator)
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        return all.toString();
    }

    @Test
    void aSecretCreatedWithKubectlIsCiphertextOnDiskAndPlainToKubectlAcrossARestart() throws Exception {
        Path enc = config(aesgcm("key1", 1));
        try (ControlPlane cp = start(enc)) {
            Kubectl kubectl = kubectl(cp);
            kubectl.ok("create", "secret", "generic", "db", "--from-literal=password=" + VALUE);
            kubectl.ok("create", "configmap", "settings", "--from-literal=mode=" + VALUE);

            assertThat(stored(cp)).startsWith("k8s:enc:aesgcm:v1:key1:").doesNotContain(VALUE, VALUE_B64);
            assertThat(new String(
                            cp.store()
                                    .get("/registry/configmaps/default/settings")
                                    .orElseThrow()
                                    .value(),
                            StandardCharsets.UTF_8))
                    .as("other resources are stored as they are")
                    .contains(VALUE);
            assertThat(readBack(kubectl)).isEqualTo(VALUE);
            assertThat(kubectl.ok("get", "secrets", "-o", "jsonpath={.items[*].data.password}"))
                    .isEqualTo(VALUE_B64);
        }
        String disk = disk();
        assertThat(disk).doesNotContain(VALUE_B64).contains("k8s:enc:aesgcm:v1:key1:");
        assertThat(disk.split(VALUE, -1))
                .as("only the ConfigMap holds the value in plain")
                .hasSize(2);

        try (ControlPlane cp = start(enc)) {
            assertThat(readBack(kubectl(cp))).isEqualTo(VALUE);
        }
    }

    @Test
    void aWatchSeesThePlainSecret() throws Exception {
        try (ControlPlane cp = start(config(aesgcm("key1", 1)))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<Stream<String>> watch = http.send(
                    HttpRequest.newBuilder(URI.create(cp.url() + "/api/v1/namespaces/default/secrets?watch=1"))
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            kubectl(cp).ok("create", "secret", "generic", "db", "--from-literal=password=" + VALUE);
            Iterator<String> lines = watch.body().iterator();
            JsonNode event = Json.parse(lines.next().getBytes(StandardCharsets.UTF_8));
            assertThat(event.path("type").asString()).isEqualTo("ADDED");
            assertThat(event.at("/object/data/password").asString()).isEqualTo(VALUE_B64);
            watch.body().close();
        }
    }

    @Test
    void aKeyThatDoesNotOpenAStoredSecretStopsTheServerAtStartWithAClearError() throws Exception {
        try (ControlPlane cp = start(config(aesgcm("key1", 1)))) {
            kubectl(cp).ok("create", "secret", "generic", "db", "--from-literal=password=" + VALUE);
        }
        assertThatThrownBy(() -> start(config(aesgcm("key1", 2))))
                .hasMessageContaining("aesgcm key \"key1\" does not open the value of " + KEY)
                .hasMessageContaining("authentication tag does not match");
        assertThatThrownBy(() -> start(config(aesgcm("key2", 2))))
                .hasMessageContaining("no provider of the encryption configuration reads the value of " + KEY)
                .hasMessageContaining("\"k8s:enc:aesgcm:v1:key1:\"");
    }

    @Test
    void replacingEverySecretEncryptsThoseWrittenBeforeAndRotatesKeys() throws Exception {
        try (ControlPlane cp = start(null)) {
            kubectl(cp).ok("create", "secret", "generic", "db", "--from-literal=password=" + VALUE);
            assertThat(stored(cp)).contains(VALUE_B64);
        }
        // encryption turned on: the new key writes, identity still reads what was written before
        try (ControlPlane cp = start(config(aesgcm("key1", 1) + "  - identity: {}\n"))) {
            Kubectl kubectl = kubectl(cp);
            assertThat(stored(cp)).as("nothing is rewritten by itself").contains(VALUE_B64);
            kubectl.shell("kubectl get secrets -A -o json | kubectl replace --validate=false -f -")
                    .assertOk();
            assertThat(stored(cp)).startsWith("k8s:enc:aesgcm:v1:key1:").doesNotContain(VALUE_B64);
            assertThat(readBack(kubectl)).isEqualTo(VALUE);
        }
        // rotation: key2 first, key1 kept to read; the same command rewrites under key2
        try (ControlPlane cp = start(config(aesgcm("key2", 2) + aesgcm("key1", 1)))) {
            Kubectl kubectl = kubectl(cp);
            kubectl.shell("kubectl get secrets -A -o json | kubectl replace --validate=false -f -")
                    .assertOk();
            assertThat(stored(cp)).startsWith("k8s:enc:aesgcm:v1:key2:");
        }
        try (ControlPlane cp = start(config(aesgcm("key2", 2)))) {
            assertThat(readBack(kubectl(cp))).isEqualTo(VALUE);
        }
    }
}
