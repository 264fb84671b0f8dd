package io.everynode.apiserver.auth;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.errors.Statuses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Acting as another user (upstream's impersonation filter; kubectl's {@code --as},
 * {@code --as-group}, {@code --as-uid}): the headers {@code Impersonate-User},
 * {@code Impersonate-Group} (repeated, or comma-joined by the HTTP front),
 * {@code Impersonate-Uid} and {@code Impersonate-Extra-KEY}.
 *
 * <p>The real user must be allowed to {@code impersonate} each: {@code users} (or
 * {@code serviceaccounts} in the account's namespace, for {@code system:serviceaccount:NS:NAME}),
 * {@code groups}, {@code uids} and {@code userextras/KEY} of {@code authentication.k8s.io}, each
 * by name; the first refused one is answered 403 with upstream's message. The request then runs
 * as the impersonated user: its groups are those asked for, plus {@code system:serviceaccounts}
 * and {@code system:serviceaccounts:NS} for a ServiceAccount, plus {@code system:authenticated}
 * (upstream adds them the same way).
 */
final class Impersonation {
    static final String USER = "impersonate-user";
    static final String GROUP = "impersonate-group";
    static final String UID = "impersonate-uid";
    static final String EXTRA_PREFIX = "impersonate-extra-";

    private Impersonation() {}

    /**
     * The user {@code req} runs as: {@code real} when it asks for no impersonation, else the
     * impersonated user.
     *
     * @param decide the server's authorization decision
     * @throws io.everynode.apiserver.errors.ApiException 403 when {@code real} may not impersonate
     *     what it asks for; 400 for groups, uid or extras without a user
     */
    static UserInfo apply(ApiRequest req, UserInfo real, Function<RequestAttributes, Authorizer.Decision> decide) {
        String user = req.header(USER);
        List<String> groups = values(req.header(GROUP));
        String uid = req.header(UID);
        Map<String, List<String>> extra = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : req.headers().entrySet()) {
            if (h.getKey().startsWith(EXTRA_PREFIX))
                extra.put(unescape(h.getKey().substring(EXTRA_PREFIX.length())), values(h.getValue()));
        }
        if (user == null || user.isEmpty()) {
            if (!groups.isEmpty() || uid != null || !extra.isEmpty())
                throw Statuses.badRequest("requested " + asked(groups, uid, extra) + " without impersonating a user");
            return real;
        }
        String saPrefix = UserInfo.SERVICE_ACCOUNT_PREFIX;
        List<String> all = new ArrayList<>(groups);
        if (user.startsWith(saPrefix) && user.substring(saPrefix.length()).contains(":")) {
            String rest = user.substring(saPrefix.length());
            String ns = rest.substring(0, rest.indexOf(':'));
            String name = rest.substring(rest.indexOf(':') + 1);
            check(decide, RequestAttributes.resource(real, "impersonate", "", "serviceaccounts", "", ns, name));
            if (!all.contains(UserInfo.SERVICE_ACCOUNTS)) all.add(UserInfo.SERVICE_ACCOUNTS);
            if (!all.contains(UserInfo.SERVICE_ACCOUNTS + ":" + ns)) all.add(UserInfo.SERVICE_ACCOUNTS + ":" + ns);
        } else {
            check(decide, RequestAttributes.resource(real, "impersonate", "", "users", "", "", user));
        }
        for (String g : groups) check(decide, RequestAttributes.resource(real, "impersonate", "", "groups", "", "", g));
        if (uid != null) {
            check(
                    decide,
                    RequestAttributes.resource(real, "impersonate", "authentication.k8s.io", "uids", "", "", uid));
        }
        for (Map.Entry<String, List<String>> e : extra.entrySet()) {
            for (String v : e.getValue()) {
                check(
                        decide,
                        RequestAttributes.resource(
                                real, "impersonate", "authentication.k8s.io", "userextras", e.getKey(), "", v));
            }
        }
        if (user.equals(UserInfo.ANONYMOUS.name())) {
            if (!all.contains(UserInfo.UNAUTHENTICATED)) all.add(UserInfo.UNAUTHENTICATED);
        } else if (!all.contains(UserInfo.AUTHENTICATED)) {
            all.add(UserInfo.AUTHENTICATED);
        }
        return new UserInfo(user, uid, all, extra);
    }

    private static void check(Function<RequestAttributes, Authorizer.Decision> decide, RequestAttributes a) {
        Authorizer.Decision d = decide.apply(a);
        if (!d.allowed()) throw AccessControl.forbidden(a, d.reason());
    }

    private static List<String> values(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) return out;
        for (String v : header.split(",")) {
            String t = v.trim();
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }

    /** Extra keys travel percent-encoded in header names (upstream's rule). */
    private static String unescape(String key) {
        return java.net.URLDecoder.decode(key, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String asked(List<String> groups, String uid, Map<String, List<String>> extra) {
        List<String> parts = new ArrayList<>();
        for (String g : groups) parts.add("groups=" + g);
        if (uid != null) parts.add("uid=" + uid);
        extra.forEach((k, v) -> parts.add("extra[" + k + "]=" + v));
        return String.join(", ", parts);
    }
}
