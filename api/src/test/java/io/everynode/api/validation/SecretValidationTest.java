package io.everynode.api.validation;

import static io.everynode.api.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.defaults.SecretDefaults;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretValidationTest {

    static Secret secret() {
        Secret s = new SecretBuilder()
                .withNewMetadata()
                .withName("creds")
                .withNamespace("logging")
                .endMetadata()
                .addToData("password", "c2VjcmV0") // "secret"
                .build();
        SecretDefaults.apply(s);
        return s;
    }

    static Arguments row(String name, Consumer<Secret> breakIt, String... expected) {
        return Arguments.of(name, breakIt, List.of(expected));
    }

    static String b64(int bytes) {
        return Base64.getEncoder().encodeToString(new byte[bytes]);
    }

    static Stream<Arguments> createCases() {
        return Stream.of(
                row("valid secret", s -> {}),
                row(
                        "value that is not base64",
                        s -> s.getData().put("token", "not base64!"),
                        "data[token]: Invalid value: \"<secret contents redacted>\": illegal base64 data at input byte 3"),
                row(
                        "value missing its padding",
                        s -> s.getData().put("token", "YQ="),
                        "data[token]: Invalid value: \"<secret contents redacted>\": illegal base64 data at input byte 3"),
                row("line breaks inside base64 are skipped", s -> s.getData().put("token", "c2Vj\ncmV0")),
                row(
                        "key with a slash",
                        s -> s.getData().put("a/b", "c2VjcmV0"),
                        "data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"),
                row(
                        "key '..'",
                        s -> s.getData().put("..", "c2VjcmV0"),
                        "data[..]: Invalid value: \"..\": must not be '..'"),
                row(
                        "more than 1 MiB",
                        s -> s.getData().put("big", b64(1024 * 1024)),
                        "data: Too long: may not be more than 1048576 bytes"),
                row("exactly 1 MiB", s -> s.setData(Map.of("big", b64(1024 * 1024)))),
                row(
                        "tls without its keys",
                        s -> s.setType("kubernetes.io/tls"),
                        "data[tls.crt]: Required value",
                        "data[tls.key]: Required value"),
                row(
                        "dockerconfigjson without its key",
                        s -> s.setType("kubernetes.io/dockerconfigjson"),
                        "data[.dockerconfigjson]: Required value"),
                row(
                        "service-account-token without the account annotation",
                        s -> s.setType("kubernetes.io/service-account-token"),
                        "metadata.annotations[kubernetes.io/service-account.name]: Required value"),
                row("service-account-token with the annotation", s -> {
                    s.setType("kubernetes.io/service-account-token");
                    s.getMetadata().setAnnotations(Map.of("kubernetes.io/service-account.name", "fluent-bit"));
                }),
                row(
                        "basic-auth with neither username nor password",
                        s -> {
                            s.setType("kubernetes.io/basic-auth");
                            s.getData().clear();
                        },
                        "data[username]: Required value",
                        "data[password]: Required value"),
                row("basic-auth with a password only", s -> s.setType("kubernetes.io/basic-auth")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("createCases")
    void createIsValidatedLikeKubeApiserver(String name, Consumer<Secret> breakIt, List<String> expected) {
        Secret s = secret();
        s.setData(new java.util.LinkedHashMap<>(s.getData()));
        breakIt.accept(s);
        assertThat(messages(SecretValidation.validateCreate(s))).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> updateCases() {
        return Stream.of(
                row("data may change", s -> s.getData().put("password", "b3RoZXI=")),
                row(
                        "type is immutable",
                        s -> s.setType("kubernetes.io/basic-auth"),
                        "type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("updateCases")
    void updateKeepsTheTypeAndAnImmutableSecretsData(String name, Consumer<Secret> change, List<String> expected) {
        Secret old = secret();
        Secret updated = new SecretBuilder(old).build();
        updated.setData(new java.util.LinkedHashMap<>(old.getData()));
        change.accept(updated);
        assertThat(messages(SecretValidation.validateUpdate(updated, old))).containsExactlyElementsOf(expected);
    }

    @Test
    void anImmutableSecretKeepsItsDataAndStaysImmutable() {
        Secret old = secret();
        old.setImmutable(true);
        Secret updated = new SecretBuilder(old).build();
        updated.setData(Map.of("password", "b3RoZXI="));
        updated.setImmutable(false);
        assertThat(messages(SecretValidation.validateUpdate(updated, old)))
                .containsExactly(
                        "immutable: Forbidden: field is immutable when `immutable` is set",
                        "data: Forbidden: field is immutable when `immutable` is set");
    }

    @Test
    void stringDataIsEncodedIntoDataOverridingItsKeysAndDropped() {
        Secret s = new SecretBuilder()
                .withNewMetadata()
                .withName("creds")
                .endMetadata()
                .addToData("user", "b2xk")
                .addToStringData("user", "admin")
                .addToStringData("pass", "héllo")
                .build();
        SecretDefaults.apply(s);
        assertThat(s.getStringData()).isNullOrEmpty();
        assertThat(s.getType()).isEqualTo("Opaque");
        assertThat(s.getData())
                .containsEntry("user", "YWRtaW4=")
                .containsEntry(
                        "pass",
                        Base64.getEncoder().encodeToString("héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aGivenTypeIsKept() {
        Secret s = new SecretBuilder().withType("kubernetes.io/tls").build();
        SecretDefaults.apply(s);
        assertThat(s.getType()).isEqualTo("kubernetes.io/tls");
    }
}
