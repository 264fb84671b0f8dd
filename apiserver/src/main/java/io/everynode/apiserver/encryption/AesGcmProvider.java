package io.everynode.apiserver.encryption;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key of an {@code aesgcm} provider: AES-GCM from the JDK with a random 12-byte nonce and a
 * 16-byte tag, the store key as authenticated data. Stored form ({@link KeyFrame}): prefix,
 * nonce, ciphertext+tag.
 */
final class AesGcmProvider implements Provider {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyFrame frame;
    private final SecretKeySpec key;
    private final SecureRandom random;

    /** @param secret 16, 24 or 32 bytes (the configuration reader checked) */
    AesGcmProvider(String name, byte[] secret, SecureRandom random) {
        this.frame = new KeyFrame("aesgcm", name, NONCE_BYTES);
        this.key = new SecretKeySpec(secret, "AES");
        this.random = random;
    }

    @Override
    public boolean bindsKey() {
        return true;
    }

    @Override
    public String prefix() {
        return frame.prefix();
    }

    @Override
    public byte[] seal(byte[] plain, String storeKey) {
        byte[] nonce = frame.newHead(random);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(storeKey.getBytes(StandardCharsets.UTF_8));
            return frame.write(nonce, c.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new EncryptionException(frame + " could not encrypt " + storeKey + ": " + e, e);
        }
    }

    @Override
    public byte[] open(byte[] stored, String storeKey) {
        int body = frame.bodyLength(stored);
        if (body < TAG_BITS / 8)
            throw new EncryptionException("the value of " + storeKey + " is too short for " + frame);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, frame.headStart(), NONCE_BYTES));
            c.updateAAD(storeKey.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(stored, frame.bodyStart(), body);
        } catch (AEADBadTagException e) {
            throw new EncryptionException(frame + " does not open the value of " + storeKey
                    + ": the authentication tag does not match (the key's secret is not the one that encrypted it,"
                    + " or the stored value was changed)");
        } catch (GeneralSecurityException e) {
            throw new EncryptionException(frame + " could not decrypt " + storeKey + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return frame.toString();
    }
}
