package io.everynode.apiserver.encryption;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key of an {@code aescbc} provider: AES-CBC from the JDK with a random 16-byte IV and
 * PKCS#7 padding, as upstream stores it (no authentication: upstream no longer recommends it,
 * and neither do we; it is read so that clusters moving off it can). Stored form
 * ({@link KeyFrame}): prefix, IV, ciphertext.
 */
final class AesCbcProvider implements Provider {
    private static final int IV_BYTES = 16;

    private final KeyFrame frame;
    private final SecretKeySpec key;
    private final SecureRandom random;

    /** @param secret 16, 24 or 32 bytes (the configuration reader checked) */
    AesCbcProvider(String name, byte[] secret, SecureRandom random) {
        this.frame = new KeyFrame("aescbc", name, IV_BYTES);
        this.key = new SecretKeySpec(secret, "AES");
        this.random = random;
    }

    @Override
    public String prefix() {
        return frame.prefix();
    }

    @Override
    public byte[] seal(byte[] plain, String storeKey) {
        byte[] iv = frame.newHead(random);
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding"); // PKCS#7 for 16-byte blocks
            c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            return frame.write(iv, c.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new EncryptionException(frame + " could not encrypt " + storeKey + ": " + e, e);
        }
    }

    @Override
    public byte[] open(byte[] stored, String storeKey) {
        int body = frame.bodyLength(stored);
        if (body <= 0 || body % IV_BYTES != 0)
            throw new EncryptionException(
                    "the value of " + storeKey + " is not a whole number of AES blocks for " + frame);
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(stored, frame.headStart(), IV_BYTES));
            return c.doFinal(stored, frame.bodyStart(), body);
        } catch (GeneralSecurityException e) {
            throw new EncryptionException(frame + " does not open the value of " + storeKey
                    + ": the padding is wrong (the key's secret is not the one that encrypted it)");
        }
    }

    @Override
    public String toString() {
        return frame.toString();
    }
}
