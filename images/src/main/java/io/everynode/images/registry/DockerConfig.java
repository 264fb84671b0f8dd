package io.everynode.images.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registry credentials from a Docker config: a {@code kubernetes.io/dockerconfigjson} Secret's
 * {@code .dockerconfigjson} ({@code {"auths": {HOST: {...}}}}), a {@code kubernetes.io/dockercfg}
 * Secret's {@code .dockercfg} ({@code {HOST: {...}}}), or a node's default credentials file in
 * either form. Each entry has {@code auth} (base64 of user:password) or {@code username} and
 * {@code password}. Keys match as the kubelet matches them: scheme and path ignored,
 * {@code index.docker.io} and {@code registry-1.docker.io} for {@code docker.io}, a leading
 * {@code *} for one label of a host ({@code *.example.com}), ports equal.
 */
public final class DockerConfig {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Entry(String host, Credentials credentials) {}

    private final List<Entry> entries;

    private DockerConfig(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static DockerConfig empty() {
        return new DockerConfig(List.of());
    }

    /**
     * Parses either form.
     *
     * @throws IllegalArgumentException for JSON that is neither, with what is wrong
     */
    public static DockerConfig parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a docker config: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject())
            throw new IllegalArgumentException("not a docker config: not a JSON object");
        JsonNode auths = root.has("auths") ? root.path("auths") : root;
        List<Entry> out = new ArrayList<>();
        for (var e : auths.properties()) {
            JsonNode v = e.getValue();
            String user = v.path("username").asString("");
            String password = v.path("password").asString("");
            String auth = v.path("auth").asString("");
            if (!auth.isEmpty()) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException("the auth of " + e.getKey() + " is not base64", bad);
                }
                int colon = decoded.indexOf(':');
                if (colon < 0)
                    throw new IllegalArgumentException("the auth of " + e.getKey() + " is not user:password");
                user = decoded.substring(0, colon);
                password = decoded.substring(colon + 1);
            }
            if (user.isEmpty() && password.isEmpty()) continue;
            out.add(new Entry(normalize(e.getKey()), new Credentials(user, password)));
        }
        return new DockerConfig(out);
    }

    /** These entries, then {@code other}'s (a pod's secrets before the node default). */
    public DockerConfig then(DockerConfig other) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(other.entries);
        return new DockerConfig(all);
    }

    /** The first credentials whose key matches registry {@code domain} (e.g. {@code 127.0.0.1:5000}). */
    public Optional<Credentials> forRegistry(String domain) {
        String d = normalize(domain);
        for (Entry e : entries) if (matches(e.host, d)) return Optional.of(e.credentials);
        return Optional.empty();
    }

    static String normalize(String key) {
        String k = key.trim().toLowerCase(java.util.Locale.ROOT);
        int scheme = k.indexOf("://");
        if (scheme >= 0) k = k.substring(scheme + 3);
        int slash = k.indexOf('/');
        if (slash >= 0) k = k.substring(0, slash);
        if (k.equals("index.docker.io") || k.equals("registry-1.docker.io")) k = "docker.io";
        return k;
    }

    /** Same port (or none on both), same number of host labels, each equal or {@code *} in the key. */
    private static boolean matches(String pattern, String domain) {
        if (!port(pattern).equals(port(domain))) return false;
        String[] want = RegistryHosts.hostOf(pattern).split("\\.", -1);
        String[] have = RegistryHosts.hostOf(domain).split("\\.", -1);
        if (want.length != have.length) return false;
        for (int i = 0; i < want.length; i++) {
            if (!want[i].equals("*") && !want[i].equals(have[i])) return false;
        }
        return true;
    }

    private static String port(String domain) {
        return domain.substring(RegistryHosts.hostOf(domain).length());
    }
}
