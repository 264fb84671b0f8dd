package io.everynode.apiserver.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyFrameTest {
    private final KeyFrame frame = new KeyFrame("aesgcm", "key1", 12);

    @Test
    void thePrefixIsUpstreamsWithProviderVersionAndKeyName() {
        assertThat(frame.prefix()).isEqualTo("k8s:enc:aesgcm:v1:key1:");
        assertThat(frame).hasToString("aesgcm key \"key1\"");
    }

    @Test
    void aStoredValueIsThePrefixThenTheHeadThenTheBodyWhereTheReaderLooks() {
        byte[] head = frame.newHead(new SecureRandom());
        byte[] body = "ciphertext".getBytes(StandardCharsets.US_ASCII);

        byte[] stored = frame.write(head, body);

        int prefix = "k8s:enc:aesgcm:v1:key1:".length();
        assertThat(head).hasSize(12);
        assertThat(new String(stored, 0, prefix, StandardCharsets.US_ASCII)).isEqualTo(frame.prefix());
        assertThat(frame.headStart()).isEqualTo(prefix);
        assertThat(Arrays.copyOfRange(stored, frame.headStart(), frame.headStart() + 12))
                .isEqualTo(head);
        assertThat(frame.bodyStart()).isEqualTo(prefix + 12);
        assertThat(frame.bodyLength(stored)).isEqualTo(body.length);
        assertThat(Arrays.copyOfRange(stored, frame.bodyStart(), stored.length)).isEqualTo(body);
    }

    @Test
    void aValueShorterThanPrefixAndHeadHasANegativeBody() {
        byte[] cut = Arrays.copyOf(frame.prefix().getBytes(StandardCharsets.US_ASCII), frame.headStart() + 5);

        assertThat(frame.bodyLength(cut)).isNegative();
    }
}
