package io.everynode.apiserver.registry;

import io.everynode.apiserver.auth.UserInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who asks for a write, and where the warnings admission raises about it go (the
 * {@code Warning} headers of the answer).
 *
 * @param user the authenticated user; {@link UserInfo#APISERVER} for the server's own writes
 * @param warnings collects warnings in order; the caller sends them with its answer
 * @param annotations audit annotations admission adds (e.g. Pod Security's
 *     {@code pod-security.kubernetes.io/enforce-policy}); they go into the request's audit event
 */
public record Caller(UserInfo user, List<String> warnings, Map<String, String> annotations) {
    /** A caller whose audit annotations are collected in a map of its own. */
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

    /** Adds an annotation to this request's audit event (upstream's {@code audit.AddAuditAnnotation}). */
    public void annotate(String key, String value) {
        annotations.put(key, value);
    }
}
