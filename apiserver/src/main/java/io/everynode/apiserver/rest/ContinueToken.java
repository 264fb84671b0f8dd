package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import io.everynode.apiserver.errors.Statuses;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A list's {@code continue} token in upstream's encoding: unpadded URL-safe base64 of
 * {@code {"v":"meta.k8s.io/v1","rv":R,"start":"K"}}, where R is the revision the first page was
 * read at (every page reads the store there, so the pages add up to one snapshot) and K the key
 * to go on from, relative to the resource's key prefix. R = -1 marks the token handed out with a
 * 410 when R was compacted: it goes on at the latest revision, inconsistently, as the client chose.
 */
record ContinueToken(long revision, String start) {
    static final String VERSION = "meta.k8s.io/v1";
    /** The revision of a token that continues at the latest revision. */
    static final long LATEST = -1;

    /** The token for the items after {@code lastKey}, a key under {@code keyPrefix}. */
    static ContinueToken after(long revision, String keyPrefix, String lastKey) {
        return new ContinueToken(revision, lastKey.substring(keyPrefix.length()) + '\0');
    }

    String encode() {
        ObjectNode o = Json.object();
        o.put("v", VERSION);
        o.put("rv", revision);
        o.put("start", start);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(o));
    }

    /** The first store key this token lists, under {@code keyPrefix}. */
    String startKey(String keyPrefix) {
        return keyPrefix + start;
    }

    /** Decodes a token as upstream does, refusing it with upstream's 400 messages. */
    static ContinueToken decode(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean urlBase64 =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!urlBase64) throw invalid("illegal base64 data at input byte " + i);
        }
        JsonNode o;
        try {
            o = Json.parse(Base64.getUrlDecoder().decode(token).clone());
        } catch (IllegalArgumentException e) {
            throw invalid("illegal base64 data at input byte " + token.length());
        } catch (RuntimeException e) {
            throw invalid("invalid character in the encoded key");
        }
        String version = o.path("v").asString("");
        if (!o.isObject() || !VERSION.equals(version)) {
            throw invalid("server does not recognize this encoded version \"" + version + "\"");
        }
        long rv = o.path("rv").asLong(0);
        if (rv == 0) throw invalid("incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        String start = o.path("start").asString("");
        if (start.isEmpty()) throw invalid("encoded start key empty (version meta.k8s.io/v1)");
        if (!clean(start)) throw invalid(start); // no way up and out of the resource's keys
        return new ContinueToken(rv < 0 ? LATEST : rv, start);
    }

    /** Whether {@code start}, as a path below the key prefix, has no empty, "." or ".." segment. */
    private static boolean clean(String start) {
        for (String segment : start.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) return false;
        }
        return true;
    }

    private static RuntimeException invalid(String why) {
        return Statuses.badRequest("invalid continue token: continue key is not valid: " + why);
    }
}
