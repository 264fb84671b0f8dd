package io.everynode.apiserver.registry;

import io.everynode.apiserver.auth.UserInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Who asks for a write, and where the warnings admission raises about it go (the
 * {@code Warning} headers of the answer).
 *
 * @param user the authenticated user; {@link UserInfo#APISERVER} for the server's own writes
 * @param warnings collects warnings in order; the caller sends them with its answer
 */
public record Caller(UserInfo user, List<String> warnings) {
    /** The server writing on its own behalf (lifecycle loops, bootstrap objects); its warnings go nowhere. */
    public static Caller server() {
        return new Caller(UserInfo.APISERVER, new ArrayList<>());
    }

    /** {@code user}'s write, with an empty list for its warnings. */
    public static Caller of(UserInfo user) {
        return new Caller(user == null ? UserInfo.APISERVER : user, new ArrayList<>());
    }

    public void warn(String warning) {
        warnings.add(warning);
    }
}
