package io.everynode.apiserver.encryption;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * How one key of an encrypting provider frames what it stores, upstream's form:
 * {@code k8s:enc:PROVIDER:v1:KEYNAME:}, then the random head the cipher started from (a nonce or
 * an IV, of a fixed length), then the cipher's output. The one writer and reader of that framing
 * for every AES provider. Immutable.
 */
final class KeyFrame {
    private final String provider;
    private final String keyName;
    private final String prefix;
    private final byte[] prefixBytes;
    private final int headBytes;

    /**
     * @param provider the provider's name in the prefix, e.g. {@code aesgcm}
     * @param keyName the key's name from the configuration
     * @param headBytes how long the head (nonce or IV) is
     */
    KeyFrame(String provider, String keyName, int headBytes) {
        this.provider = provider;
        this.keyName = keyName;
        this.prefix = Provider.ENCRYPTED + provider + ":v1:" + keyName + ":";
        this.prefixBytes = prefix.getBytes(StandardCharsets.US_ASCII);
        this.headBytes = headBytes;
    }

    /** e.g. {@code k8s:enc:aesgcm:v1:key1:}. */
    String prefix() {
        return prefix;
    }

    /** A fresh head from {@code random}. */
    byte[] newHead(SecureRandom random) {
        byte[] head = new byte[headBytes];
        random.nextBytes(head);
        return head;
    }

    /** The stored value: prefix, {@code head}, {@code body}. */
    byte[] write(byte[] head, byte[] body) {
        byte[] out = Arrays.copyOf(prefixBytes, prefixBytes.length + head.length + body.length);
        System.arraycopy(head, 0, out, prefixBytes.length, head.length);
        System.arraycopy(body, 0, out, prefixBytes.length + head.length, body.length);
        return out;
    }

    /** Where the head of a stored value (prefix included) starts. */
    int headStart() {
        return prefixBytes.length;
    }

    /** Where the cipher's output starts in a stored value. */
    int bodyStart() {
        return prefixBytes.length + headBytes;
    }

    /** How long the cipher's output in {@code stored} is; negative when it is shorter than prefix and head. */
    int bodyLength(byte[] stored) {
        return stored.length - bodyStart();
    }

    /** How errors name the key: {@code aesgcm key "key1"}. */
    @Override
    public String toString() {
        return provider + " key \"" + keyName + "\"";
    }
}
