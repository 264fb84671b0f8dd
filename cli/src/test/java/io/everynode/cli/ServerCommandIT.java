package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.Kubeconfig;
import io.everynode.testkit.Kubectl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code everynode server} as a separate process: HTTPS with the admin kubeconfig it writes. */
class ServerCommandIT {
    private static final Pattern LISTENING = Pattern.compile("everynode server listening on (\\S+) ");

    @TempDir
    Path dir;

    @Test
    void boundToTheIpv6LoopbackItServesHttpsAtAUrlWithTheAddressInBracketsAndWritesAnAdminKubeconfig()
            throws Exception {
        Path out = dir.resolve("out");
        Process server = EverynodeJvm.server(dir.resolve("data"), out, dir.resolve("err"), "--bind", "::1");
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> LISTENING.matcher(Files.readString(out)).find());
            Matcher m = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
            assertThat(m.find()).isTrue();
            String url = m.group(1);
            assertThat(url).matches("https://\\[::1\\]:\\d+");
            Path kubeconfig = dir.resolve("data").resolve("kubeconfig");
            assertThat(Files.getPosixFilePermissions(kubeconfig))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(kubeconfig)).contains("server: " + url);
            HttpClient https = HttpClient.newBuilder()
                    .sslContext(Kubeconfig.load(kubeconfig).sslContext())
                    .build();
            HttpResponse<String> version = https.send(
                    HttpRequest.newBuilder(URI.create(url + "/version")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(version.statusCode()).isEqualTo(200);
            assertThat(version.body()).contains("\"gitVersion\":\"v1.35.2\"");
            Kubectl kubectl = Kubectl.forKubeconfig(kubeconfig, dir.resolve("kubectl"));
            assertThat(kubectl.ok("get", "namespaces", "-o", "name")).contains("namespace/default");
            HttpResponse<String> anonymous = HttpClient.newBuilder()
                    .sslContext(trustOnly(kubeconfig))
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(url + "/api/v1/pods"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }

    private Process server(Path out, String... flags) throws Exception {
        return EverynodeJvm.server(dir.resolve("data"), out, dir.resolve("err"), flags);
    }

    @Test
    void aBadEncryptionConfigurationStopsTheServerNamingTheFileAndField() throws Exception {
        Path enc = Files.writeString(
                dir.resolve("enc.yaml"),
                "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\n"
                        + "resources:\n- resources: [secrets]\n  providers:\n  - secretbox: {keys: []}\n");
        Process server = server(dir.resolve("out"), "--encryption-provider-config", enc.toString());
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("err")))
                .startsWith("error: error while parsing encryption provider configuration file \"" + enc
                        + "\": resources[0].providers[0].secretbox: Unsupported value: \"secretbox\"");
    }

    @Test
    void withAnAuditPolicyTheServerLogsTheRequestsItSelects() throws Exception {
        Path policy = Files.writeString(
                dir.resolve("policy.yaml"),
                "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  nonResourceURLs: [/version]\n");
        Path log = dir.resolve("audit/audit.log");
        Path out = dir.resolve("out");
        Process server = server(out, "--audit-policy-file", policy.toString(), "--audit-log-path", log.toString());
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> LISTENING.matcher(Files.readString(out)).find());
            Matcher m = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
            assertThat(m.find()).isTrue();
            HttpResponse<String> version = HttpClient.newBuilder()
                    .sslContext(trustOnly(dir.resolve("data").resolve("kubeconfig")))
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(m.group(1) + "/version"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            String id = version.headers().firstValue("Audit-Id").orElseThrow();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(Files.readAllLines(log))
                            .anySatisfy(line -> assertThat(line)
                                    .contains(
                                            "\"auditID\":\"" + id + "\"",
                                            "\"stage\":\"ResponseComplete\"",
                                            "\"requestURI\":\"/version\"",
                                            "\"sourceIPs\":[\"127.0.0.1\"]")));
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }

    /** The kubeconfig's CA without its client certificate: an anonymous client. */
    private static javax.net.ssl.SSLContext trustOnly(Path kubeconfig) throws Exception {
        Kubeconfig k = Kubeconfig.load(kubeconfig);
        return new Kubeconfig(k.server(), k.certificateAuthority(), null, List.of(), null).sslContext();
    }
}
