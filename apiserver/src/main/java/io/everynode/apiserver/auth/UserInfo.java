package io.everynode.apiserver.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who made a request, as upstream's authenticators name it ({@code user.Info}): a user name, an
 * optional uid, groups and extra values. x509 client certificates give CN as the name and the O
 * values as groups; ServiceAccount tokens give {@code system:serviceaccount:NS:NAME} with the
 * groups {@code system:serviceaccounts} and {@code system:serviceaccounts:NS}; bootstrap tokens
 * give {@code system:bootstrap:ID} in {@code system:bootstrappers}. Every authenticated user is
 * also in {@link #AUTHENTICATED}.
 */
public record UserInfo(String name, String uid, List<String> groups, Map<String, List<String>> extra) {
    /** Members pass every authorization check (upstream's privileged group). */
    public static final String MASTERS = "system:masters";

    public static final String AUTHENTICATED = "system:authenticated";
    public static final String UNAUTHENTICATED = "system:unauthenticated";
    public static final String NODES = "system:nodes";
    public static final String NODE_PREFIX = "system:node:";
    public static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
    public static final String SERVICE_ACCOUNTS = "system:serviceaccounts";
    public static final String BOOTSTRAPPERS = "system:bootstrappers";

    /** A request that carried no credentials. */
    public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", "", List.of(UNAUTHENTICATED), Map.of());

    /**
     * The API server's own loopback identity (upstream's {@code system:apiserver}), used by
     * in-process clients that were given no identity of their own and by the server's own writes.
     */
    public static final UserInfo APISERVER =
            new UserInfo("system:apiserver", "", List.of(MASTERS, AUTHENTICATED), Map.of());

    public UserInfo {
        Objects.requireNonNull(name, "name");
        uid = uid == null ? "" : uid;
        groups = List.copyOf(groups);
        extra = Map.copyOf(extra);
    }

    /** A user with these groups plus {@link #AUTHENTICATED} (added once). */
    public static UserInfo authenticated(
            String name, String uid, List<String> groups, Map<String, List<String>> extra) {
        List<String> all = new java.util.ArrayList<>(groups);
        if (!all.contains(AUTHENTICATED)) all.add(AUTHENTICATED);
        return new UserInfo(name, uid, all, extra);
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }

    /** The name of the node this user is, or null: {@code system:node:NAME} in {@code system:nodes}. */
    public String nodeName() {
        if (!inGroup(NODES) || !name.startsWith(NODE_PREFIX)) return null;
        String node = name.substring(NODE_PREFIX.length());
        return node.isEmpty() ? null : node;
    }
}
