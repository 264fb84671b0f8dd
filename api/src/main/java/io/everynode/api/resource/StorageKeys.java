package io.everynode.api.resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where objects live in the store, as upstream kube-apiserver lays out etcd, so that tools reading
 * etcd directly (etcdctl, backup scripts, auger) find them where they look:
 *
 * <ul>
 *   <li>a built-in resource of any group under {@code /registry/<resource>/}, except the few
 *       upstream's storage factory renames ({@link #RENAMED}: nodes are {@code minions},
 *       services {@code services/specs}, endpoints {@code services/endpoints}, ingresses
 *       {@code ingress});
 *   <li>the resources of the groups upstream's apiextensions (and aggregation) server stores, and
 *       every custom resource, under {@code /registry/<group>/<resource>/}.
 * </ul>
 *
 * Then {@code <namespace>/<name>} or {@code <name>}. The prefixes are disjoint by construction: a
 * built-in's first segment has no dot (a resource name), a custom resource's group always has one
 * (CRD validation requires it), and a nested first segment ({@code services}) is no resource's
 * name. Keys of Everynode's own under {@code /registry/} ({@link #NODE_USAGES}) have a first
 * segment with a dash, which no resource name has.
 */
public final class StorageKeys {
    public static final String ROOT = "/registry/";

    /** The agents' usage readings (apiserver metrics): under {@link #ROOT}, but no resource's bucket. */
    public static final String NODE_USAGES = ROOT + "everynode-nodeusages/";

    /** Upstream's renamed built-ins ({@code SpecialDefaultResourcePrefixes}), by "group/resource". */
    static final Map<String, String> RENAMED = Map.of(
            "/nodes", "minions",
            "/services", "services/specs",
            "/endpoints", "services/endpoints",
            "networking.k8s.io/ingresses", "ingress");

    /**
     * Built-in groups stored as custom resources are: under their group (upstream's apiextensions
     * server); and OpenKruise's {@code apps.kruise.io}, a CRD upstream, so its objects sit where a
     * cluster running OpenKruise keeps them.
     */
    static final Set<String> GROUP_PREFIXED =
            Set.of("apiextensions.k8s.io", "apiregistration.k8s.io", "apps.kruise.io");

    private record Entry(String group, String prefix) {}

    /** The built-ins' prefixes by resource name (one group per name among the served kinds). */
    private static final Map<String, List<Entry>> BUILT_IN = new HashMap<>();
    /** Prefix (without the root) → its group and resource, for the reverse look-up. */
    private static final Map<String, GroupResource> BY_PREFIX = new HashMap<>();
    /** First path segments that are not a bucket on their own ("services"). */
    private static final Set<String> NESTED;

    /** A group and a resource, {@code ""} for the core group. */
    public record GroupResource(String group, String resource) {}

    static {
        Set<String> nested = new HashSet<>();
        for (ResourceType t : ResourceTypes.all()) {
            if (!t.persisted()) continue;
            String prefix = builtInPrefix(t.group(), t.resource());
            BUILT_IN.computeIfAbsent(t.resource(), r -> new ArrayList<>()).add(new Entry(t.group(), ROOT + prefix));
            BY_PREFIX.put(ROOT + prefix, new GroupResource(t.group(), t.resource()));
            if (!GROUP_PREFIXED.contains(t.group()) && prefix.indexOf('/') < prefix.length() - 1) {
                nested.add(prefix.substring(0, prefix.indexOf('/')));
            }
        }
        NESTED = Set.copyOf(nested);
    }

    private StorageKeys() {}

    private static String builtInPrefix(String group, String resource) {
        String renamed = RENAMED.get(group + "/" + resource);
        if (renamed != null) return renamed + "/";
        return GROUP_PREFIXED.contains(group) ? group + "/" + resource + "/" : resource + "/";
    }

    /**
     * The prefix of a resource's keys: the built-in table's, else a custom resource's
     * {@code /registry/<group>/<resource>/}.
     */
    public static String prefix(String group, String resource) {
        List<Entry> entries = BUILT_IN.get(resource);
        if (entries != null) {
            for (Entry e : entries) {
                if (e.group.equals(group)) return e.prefix;
            }
        }
        return group.isEmpty() ? ROOT + resource + "/" : ROOT + group + "/" + resource + "/";
    }

    /**
     * The bucket (a resource's {@link #prefix}) a key lies in, or null when the key is not under
     * {@link #ROOT} or ends inside the bucket's path. One segment for a built-in, two for a nested
     * built-in ({@code services/specs/}) or a grouped one ({@code <group>/<resource>/}: its first
     * segment has a dot). Cheap: every store event and read passes here.
     */
    public static String bucketOf(String key) {
        if (!key.startsWith(ROOT)) return null;
        int start = ROOT.length();
        int end = key.indexOf('/', start);
        if (end < 0) return null;
        int dot = key.indexOf('.', start);
        if ((dot >= 0 && dot < end) || nested(key, start, end)) {
            end = key.indexOf('/', end + 1);
            if (end < 0) return null;
        }
        return key.substring(0, end + 1);
    }

    private static boolean nested(String key, int start, int end) {
        for (String n : NESTED) {
            if (n.length() == end - start && key.regionMatches(start, n, 0, n.length())) return true;
        }
        return false;
    }

    /**
     * The group and resource a bucket holds: the built-in table's, else {@code <group>/<resource>}
     * of a grouped bucket, else the core group and the bucket's one segment.
     */
    public static GroupResource resourceOf(String bucket) {
        GroupResource known = BY_PREFIX.get(bucket);
        if (known != null) return known;
        String path = bucket.substring(ROOT.length(), bucket.length() - 1);
        int slash = path.indexOf('/');
        return slash < 0
                ? new GroupResource("", path)
                : new GroupResource(path.substring(0, slash), path.substring(slash + 1));
    }

    /** The served built-in resources' prefixes, in discovery order, by "group/resource". */
    public static Map<String, String> builtInTable() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ResourceType t : ResourceTypes.all()) {
            if (t.persisted()) out.put(t.group() + "/" + t.resource(), prefix(t.group(), t.resource()));
        }
        return out;
    }

    /**
     * Where a built-in resource's keys were before issue 14 ({@code /registry/<group|core>/<resource>/}),
     * for the one-time rewrite of old stores.
     */
    public static String formerPrefix(String group, String resource) {
        return ROOT + (group.isEmpty() ? "core" : group) + "/" + resource + "/";
    }
}
