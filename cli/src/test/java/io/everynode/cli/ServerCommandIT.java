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
        Process server = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "server",
                        "--bind",
                        "::1",
                        "--port",
                        "0",
                        "--data-dir",
                        dir.resolve("data").toString()))
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("err").toFile())
                .start();
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

    /** The kubeconfig's CA without its client certificate: an anonymous client. */
    private static javax.net.ssl.SSLContext trustOnly(Path kubeconfig) throws Exception {
        Kubeconfig k = Kubeconfig.load(kubeconfig);
        return new Kubeconfig(k.server(), k.certificateAuthority(), null, List.of(), null).sslContext();
    }
}
