package io.everynode.api.validation;

import static io.everynode.api.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigMapValidationTest {

    static ConfigMap configMap() {
        ConfigMap cm = new ConfigMapBuilder()
                .withNewMetadata()
                .withName("fluent-bit-config")
                .withNamespace("logging")
                .endMetadata()
                .build();
        cm.setData(new LinkedHashMap<>(Map.of("fluent-bit.conf", "[SERVICE]\n    Flush 1\n")));
        cm.setBinaryData(new LinkedHashMap<>(Map.of("logo.png", "iVBORw0K")));
        return cm;
    }

    static Arguments row(String name, Consumer<ConfigMap> breakIt, String... expected) {
        return Arguments.of(name, breakIt, List.of(expected));
    }

    static Stream<Arguments> createCases() {
        return Stream.of(
                row("valid config map", c -> {}),
                row(
                        "key with a space",
                        c -> c.getData().put("my key", "v"),
                        "data[my key]: Invalid value: \"my key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"),
                row(
                        "key starting with '..'",
                        c -> c.getData().put("..data", "v"),
                        "data[..data]: Invalid value: \"..data\": must not start with '..'"),
                row(
                        "key longer than 253 characters",
                        c -> c.getData().put("k".repeat(254), "v"),
                        "data[" + "k".repeat(254) + "]: Invalid value: \"" + "k".repeat(254)
                                + "\": must be no more than 253 characters"),
                row(
                        "key in data and binaryData",
                        c -> c.getData().put("logo.png", "text"),
                        "data[logo.png]: Invalid value: \"logo.png\": duplicate of key present in binaryData"),
                row(
                        "binaryData that is not base64",
                        c -> c.getBinaryData().put("blob", "%%%%"),
                        "binaryData[blob]: Invalid value: \"%%%%\": illegal base64 data at input byte 0"),
                row(
                        "more than 1 MiB in all",
                        c -> c.getData().put("big", "x".repeat(1024 * 1024)),
                        "data: Too long: may not be more than 1048576 bytes"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("createCases")
    void createIsValidatedLikeKubeApiserver(String name, Consumer<ConfigMap> breakIt, List<String> expected) {
        ConfigMap cm = configMap();
        breakIt.accept(cm);
        assertThat(messages(ConfigMapValidation.validateCreate(cm))).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> updateCases() {
        return Stream.of(
                row("a mutable config map changes freely", c -> c.getData().put("fluent-bit.conf", "changed")),
                row("an immutable one may change labels", c -> {
                    c.setImmutable(true);
                    c.getMetadata().setLabels(Map.of("app", "fluent-bit"));
                }),
                row(
                        "an immutable one keeps its data",
                        c -> {
                            c.setImmutable(true);
                            c.getData().put("fluent-bit.conf", "changed");
                        },
                        "data: Forbidden: field is immutable when `immutable` is set"),
                row(
                        "an immutable one keeps its binaryData",
                        c -> {
                            c.setImmutable(true);
                            c.getBinaryData().clear();
                        },
                        "binaryData: Forbidden: field is immutable when `immutable` is set"),
                row(
                        "an immutable one stays immutable",
                        c -> c.setImmutable(false),
                        "immutable: Forbidden: field is immutable when `immutable` is set"));
    }

    /** The old object is immutable in every row but the first. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("updateCases")
    void updateOfAnImmutableConfigMapKeepsItsData(String name, Consumer<ConfigMap> change, List<String> expected) {
        ConfigMap old = configMap();
        if (!name.startsWith("a mutable")) old.setImmutable(true);
        ConfigMap updated = configMap();
        updated.setImmutable(old.getImmutable());
        change.accept(updated);
        assertThat(messages(ConfigMapValidation.validateUpdate(updated, old))).containsExactlyElementsOf(expected);
    }
}
