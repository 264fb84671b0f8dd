package io.everynode.api.bootstrap;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bootstrap token {@code ID.SECRET}: a public 6-character id (it names the Secret and appears
 * in logs) and a private 16-character secret, both of {@code [a-z0-9]} (kubeadm's format).
 *
 * <p>{@link #toString()} is the whole token, secret included: callers print it only where the
 * user asked for it ({@code everynode token create}).
 */
public record BootstrapToken(String id, String secret) {
    /** Upstream's {@code BootstrapTokenPattern}. */
    public static final Pattern FORMAT = Pattern.compile("^([a-z0-9]{6})\\.([a-z0-9]{16})$");

    public static final Pattern ID_FORMAT = Pattern.compile("^[a-z0-9]{6}$");
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    public BootstrapToken {
        if (!FORMAT.matcher(id + "." + secret).matches())
            throw new IllegalArgumentException(
                    "the bootstrap token \"" + id + ".<secret>\" is not of the form \"[a-z0-9]{6}.[a-z0-9]{16}\"");
    }

    /** The token in {@code text}, or empty when the text is not of the token's form. */
    public static Optional<BootstrapToken> parse(String text) {
        if (text == null) return Optional.empty();
        Matcher m = FORMAT.matcher(text);
        return m.matches() ? Optional.of(new BootstrapToken(m.group(1), m.group(2))) : Optional.empty();
    }

    /** A fresh token with every character drawn uniformly from {@code random}. */
    public static BootstrapToken generate(SecureRandom random) {
        return new BootstrapToken(randomChars(random, 6), randomChars(random, 16));
    }

    /** {@code bootstrap-token-<id>}: the Secret that stores this token. */
    public String secretName() {
        return BootstrapTokenSecret.NAME_PREFIX + id;
    }

    /** {@code system:bootstrap:<id>}: who this token authenticates as. */
    public String userName() {
        return BootstrapTokenSecret.USER_PREFIX + id;
    }

    @Override
    public String toString() {
        return id + "." + secret;
    }

    private static String randomChars(SecureRandom random, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return b.toString();
    }
}
