package io.everynode.images.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DockerConfigTest {
    private static String auth(String userPass) {
        return Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    private static DockerConfig parse(String json) {
        return DockerConfig.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void dockerConfigJsonAndDockercfgFormsBothRead() {
        DockerConfig json = parse("{\"auths\":{\"registry.lan:5000\":{\"auth\":\"" + auth("a:p:w") + "\"}}}");
        DockerConfig cfg = parse("{\"registry.lan:5000\":{\"username\":\"b\",\"password\":\"q\"}}");

        assertThat(json.forRegistry("registry.lan:5000")).contains(new Credentials("a", "p:w"));
        assertThat(cfg.forRegistry("registry.lan:5000")).contains(new Credentials("b", "q"));
    }

    @Test
    void keysMatchAsTheKubeletMatchesThem() {
        DockerConfig c = parse("{\"auths\":{"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"" + auth("hub:1") + "\"},"
                + "\"*.example.com\":{\"auth\":\"" + auth("wild:2") + "\"},"
                + "\"plain.lan\":{\"auth\":\"" + auth("plain:3") + "\"}}}");

        assertThat(c.forRegistry("docker.io")).contains(new Credentials("hub", "1"));
        assertThat(c.forRegistry("r.example.com")).contains(new Credentials("wild", "2"));
        assertThat(c.forRegistry("a.b.example.com")).isEmpty();
        assertThat(c.forRegistry("plain.lan")).contains(new Credentials("plain", "3"));
        assertThat(c.forRegistry("plain.lan:5000")).isEmpty();
    }

    @Test
    void aPodsSecretsComeBeforeTheNodesDefault() {
        DockerConfig pod = parse("{\"auths\":{\"r.lan\":{\"auth\":\"" + auth("pod:1") + "\"}}}");
        DockerConfig node = parse("{\"auths\":{\"r.lan\":{\"auth\":\"" + auth("node:2") + "\"},\"s.lan\":{\"auth\":\""
                + auth("node:3") + "\"}}}");

        assertThat(pod.then(node).forRegistry("r.lan")).contains(new Credentials("pod", "1"));
        assertThat(pod.then(node).forRegistry("s.lan")).contains(new Credentials("node", "3"));
    }

    @Test
    void malformedConfigsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> parse("{\"auths\":{\"r\":{\"auth\":\"@@\"}}}")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> parse("{\"auths\":{\"r\":{\"auth\":\"" + auth("nocolon") + "\"}}}"))
                .hasMessageContaining("not user:password");
        assertThat(new Credentials("u", "secret").toString()).doesNotContain("secret");
    }
}
