package io.everynode.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.everynode.apiserver.errors.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostCheckTest {
    final HostCheck check = new HostCheck(List.of("my-box.internal", "::1"));

    void passes(String host) {
        assertThatCode(() -> check.check(host, "127.0.0.1:6443")).as(host).doesNotThrowAnyException();
    }

    ApiException refused(String host) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> check.check(host, "127.0.0.1:6443"));
        assertThat(e).as(host).isNotNull();
        return e;
    }

    @Test
    void loopbackLiteralsLocalhostAndTheBindNamePassWithOrWithoutAPort() {
        for (String h : List.of(
                "localhost",
                "localhost.",
                "Localhost:80",
                "127.0.0.1",
                "127.255.0.9:6443",
                "[::1]",
                "[::1]:1",
                "my-box.internal",
                "MY-BOX.internal:6443")) {
            passes(h);
        }
    }

    @Test
    void aMissingOrEmptyHostPasses() {
        passes(null);
        passes("");
    }

    @Test
    void otherNamesAndAddressesAreRefusedWithoutLookingThemUp() {
        for (String h : List.of(
                "evil.example",
                "localhost.evil.example",
                "127.0.0.1.evil.example",
                "10.1.2.3",
                "[::2]",
                "0x7f000001",
                "127.1",
                "my-box.internal.evil.example",
                "[localhost]",
                "[evil.example]:6443")) {
            ApiException e = refused(h);
            assertThat(e.code()).isEqualTo(421);
            assertThat(e.reason()).isEqualTo("MisdirectedRequest");
            assertThat(e.getMessage()).contains("\"" + h + "\"").contains("connect to http://127.0.0.1:6443 instead");
        }
    }

    @Test
    void theHostPartDropsThePort() {
        assertThat(HostCheck.hostPart("[::1]:6443")).isEqualTo("[::1]");
        assertThat(HostCheck.hostPart("127.0.0.1:6443")).isEqualTo("127.0.0.1");
        assertThat(HostCheck.hostPart("localhost")).isEqualTo("localhost");
    }
}
