package io.everynode.api.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BootstrapTokenTest {

    @ParameterizedTest
    @CsvSource({"abcdef.0123456789abcdef, abcdef, 0123456789abcdef", "07401b.f395accd246ae52d, 07401b, f395accd246ae52d"
    })
    void aTokenOfKubeadmsFormSplitsIntoIdAndSecret(String text, String id, String secret) {
        BootstrapToken t = BootstrapToken.parse(text).orElseThrow();
        assertThat(t.id()).isEqualTo(id);
        assertThat(t.secret()).isEqualTo(secret);
        assertThat(t.toString()).isEqualTo(text);
        assertThat(t.secretName()).isEqualTo("bootstrap-token-" + id);
        assertThat(t.userName()).isEqualTo("system:bootstrap:" + id);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "abcdef",
                "abcdef.",
                "abcdef0123456789abcdef",
                "ABCDEF.0123456789abcdef",
                "abcde.0123456789abcdef",
                "abcdef.0123456789abcde",
                "abcdef.0123456789abcdef0",
                "abcdef:0123456789abcdef",
                " abcdef.0123456789abcdef",
                "abcdef.0123456789abcdeF",
                "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln"
            })
    void anythingElseIsNotABootstrapToken(String text) {
        assertThat(BootstrapToken.parse(text)).isEmpty();
    }

    @Test
    void aMalformedTokenCannotBeBuilt() {
        assertThatThrownBy(() -> new BootstrapToken("abc", "0123456789abcdef"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a-z0-9]{6}.[a-z0-9]{16}");
    }

    @Test
    void generatedTokensAreOfTheFormAndDiffer() {
        SecureRandom random = new SecureRandom();
        BootstrapToken a = BootstrapToken.generate(random);
        BootstrapToken b = BootstrapToken.generate(random);
        assertThat(a.toString()).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
        assertThat(a).isNotEqualTo(b);
    }
}
