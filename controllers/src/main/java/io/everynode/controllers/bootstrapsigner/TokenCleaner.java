package io.everynode.controllers.bootstrapsigner;

import io.everynode.api.bootstrap.BootstrapTokenSecret;
import java.time.Duration;
import java.time.Instant;

/**
 * The token cleaner's decision (upstream's tokencleaner controller): a bootstrap-token Secret is
 * deleted once its token has expired; until then it is looked at again when it expires.
 */
public final class TokenCleaner {
    private TokenCleaner() {}

    /** What to do about one token at {@code now}. */
    public sealed interface Verdict permits Delete, RecheckAfter, Keep {}

    /** The token has expired: delete its Secret. */
    public record Delete() implements Verdict {}

    /** Look again after this long (the token expires then). */
    public record RecheckAfter(Duration delay) implements Verdict {}

    /** The token never expires. */
    public record Keep() implements Verdict {}

    public static Verdict judge(BootstrapTokenSecret token, Instant now) {
        if (token.expired(now)) return new Delete();
        if (token.expiration() == null) return new Keep();
        return new RecheckAfter(Duration.between(now, token.expiration()));
    }
}
