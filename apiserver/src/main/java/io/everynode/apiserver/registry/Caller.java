package io.everynode.apiserver.registry;

import io.everynode.apiserver.auth.UserInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who asks for a write, where the warnings admission raises about it go (the {@code Warning}
 * headers of the answer), and the audit annotations admission adds to the request (upstream's
 * {@code AuditAnnotations}: the audit log writes them on the request's event).
 *
 * @param user the authenticated user; {@link UserInfo#APISERVER} for the server's own writes
 * @param warnings collects warnings in order; the caller sends them with its answer
 * @param auditAnnotations collects audit annotations by key (e.g. {@code
 *     pod-security.kubernetes.io/enforce-policy}), also when admission then refuses the write
 */
public record Caller(UserInfo user, List<String> warnings, Map<String, String> auditAnnotations) {
    public Caller(UserInfo user, List<String> warnings) {
        this(user, warnings, new LinkedHashMap<>());
    }

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

    /** Adds (or replaces) the audit annotation {@code key}. */
    public void annotate(String key, String value) {
        auditAnnotations.put(key, value);
    }
}
