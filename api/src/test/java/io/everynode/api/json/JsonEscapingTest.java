package io.everynode.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Strings come out escaped byte for byte as Go's encoding/json writes them. */
class JsonEscapingTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a && b", "\"a \\u0026\\u0026 b\""),
                Arguments.of("echo '<ok>' > /tmp/x", "\"echo '\\u003cok\\u003e' \\u003e /tmp/x\""),
                Arguments.of("line\u2028sep\u2029", "\"line\\u2028sep\\u2029\""),
                Arguments.of("tab\tnew\nquote\"back\\", "\"tab\\tnew\\nquote\\\"back\\\\\""),
                Arguments.of("ctl\u0001", "\"ctl\\u0001\""),
                Arguments.of("héllo/ünïcode", "\"héllo/ünïcode\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stringsAreEscapedAsGoEscapesThem(String value, String json) {
        assertThat(Json.string(value)).isEqualTo(json);
        assertThat(Json.MAPPER.readValue(Json.string(value), String.class)).isEqualTo(value);
    }
}
