package io.everynode.apiserver.crd;

import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.registry.DynamicTypes;
import io.everynode.apiserver.registry.Strategy;
import io.everynode.apiserver.table.RowPrinter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The runtime catalogue of served resources: the built-in kinds ({@link ResourceTypes}) plus every
 * served version of every Established CustomResourceDefinition. Routing, discovery, OpenAPI,
 * tables, the lifecycle loops and the registry ask it instead of the static list.
 *
 * <p>Threading: readers see an immutable snapshot (one volatile read); {@link #serve} and
 * {@link #stopServing} build the next snapshot under the instance's lock.
 */
public final class ServedTypes implements DynamicTypes {
    private record Snapshot(
            List<ResourceType> all,
            List<ResourceType> stored,
            List<String> groupVersions,
            Map<String, ResourceType> byPath,
            Map<String, ResourceType> byBucket,
            Map<ResourceType, CustomVersion> custom,
            Map<ResourceType, Strategy> strategies,
            Map<ResourceType, RowPrinter<?>> printers) {}

    private final List<ResourceType> builtIn;
    private final Map<String, List<CustomVersion>> definitions = new TreeMap<>();
    private volatile Snapshot snapshot;
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ServedTypes() {
        this(ResourceTypes.all());
    }

    ServedTypes(List<ResourceType> builtIn) {
        this.builtIn = List.copyOf(builtIn);
        this.snapshot = build();
    }

    /** Serves (or re-serves, after a change) the versions of the definition {@code crd}. */
    public synchronized void serve(String crd, List<CustomVersion> versions) {
        definitions.put(crd, List.copyOf(versions));
        snapshot = build();
        changed();
    }

    /** Runs {@code listener} after every change of what is served (OpenAPI documents drop their cache). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        for (Runnable r : listeners) r.run();
    }

    /** Stops serving the definition's versions; its objects must be gone already. */
    public synchronized void stopServing(String crd) {
        if (definitions.remove(crd) != null) {
            snapshot = build();
            changed();
        }
    }

    /** Every served resource: built-in kinds first, then custom ones, each group's versions by priority. */
    public List<ResourceType> all() {
        return snapshot.all;
    }

    /** One resource per store bucket (built-in kinds and each definition's storage version). */
    public List<ResourceType> stored() {
        return snapshot.stored;
    }

    /** The group-versions served, "v1" first, each group's versions by priority. */
    public List<String> groupVersions() {
        return snapshot.groupVersions;
    }

    public Optional<ResourceType> find(String apiVersion, String resource) {
        return Optional.ofNullable(snapshot.byPath.get(apiVersion + "/" + resource));
    }

    public Optional<ResourceType> byKind(String apiVersion, String kind) {
        return snapshot.all.stream()
                .filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind))
                .findFirst();
    }

    /**
     * The resource of a stored object, by its apiVersion and kind; an object stored in a version
     * no longer served (the definition's storage version changed) is found by group and kind.
     */
    public Optional<ResourceType> ofObject(tools.jackson.databind.JsonNode obj) {
        String apiVersion = obj.path("apiVersion").asString("");
        String kind = obj.path("kind").asString("");
        Optional<ResourceType> served = byKind(apiVersion, kind);
        if (served.isPresent()) return served;
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return snapshot.stored.stream()
                .filter(t -> t.group().equals(group) && t.kind().equals(kind))
                .findFirst();
    }

    /** The custom version behind {@code type}, or empty for a built-in kind (or one no longer served). */
    public Optional<CustomVersion> custom(ResourceType type) {
        return Optional.ofNullable(snapshot.custom.get(type));
    }

    /** The served versions of one definition (empty when it is not served). */
    public synchronized List<CustomVersion> versionsOf(String crd) {
        return definitions.getOrDefault(crd, List.of());
    }

    /** The stored resource whose bucket holds {@code key}, or null when none is served. */
    public ResourceType forKey(String key) {
        String bucket = ResourceType.bucketOf(key);
        return bucket == null ? null : snapshot.byBucket.get(bucket);
    }

    /** The Table printer of a custom resource version (its printer columns), or empty for a built-in kind. */
    public Optional<RowPrinter<?>> printer(ResourceType type) {
        return Optional.ofNullable(snapshot.printers.get(type));
    }

    @Override
    public Optional<Strategy> strategy(ResourceType type) {
        return Optional.ofNullable(snapshot.strategies.get(type));
    }

    @Override
    public ResourceType storage(ResourceType type) {
        CustomVersion v = snapshot.custom.get(type);
        return v == null ? type : v.storage();
    }

    private Snapshot build() {
        List<ResourceType> all = new ArrayList<>(builtIn);
        List<ResourceType> stored =
                new ArrayList<>(builtIn.stream().filter(ResourceType::persisted).toList());
        Map<ResourceType, CustomVersion> custom = new LinkedHashMap<>();
        Map<ResourceType, Strategy> strategies = new LinkedHashMap<>();
        Map<ResourceType, RowPrinter<?>> printers = new LinkedHashMap<>();
        for (List<CustomVersion> versions : definitions.values()) {
            List<CustomVersion> ordered = new ArrayList<>(versions);
            ordered.sort((a, b) ->
                    KubeVersions.PRIORITY.compare(a.type().version(), b.type().version()));
            for (CustomVersion v : ordered) {
                all.add(v.type());
                custom.put(v.type(), v);
                strategies.put(v.type(), new CustomResourceStrategy(v));
                printers.put(v.type(), printer(v));
            }
            if (!versions.isEmpty()) stored.add(versions.get(0).storage());
        }
        // Group-versions: each group's versions together, by priority, in order of first appearance.
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        for (ResourceType t : all) {
            List<String> vs = byGroup.computeIfAbsent(t.group(), g -> new ArrayList<>());
            if (!vs.contains(t.version())) vs.add(t.version());
        }
        LinkedHashSet<String> gvs = new LinkedHashSet<>();
        for (Map.Entry<String, List<String>> e : byGroup.entrySet()) {
            List<String> vs = new ArrayList<>(e.getValue());
            vs.sort(KubeVersions.PRIORITY);
            for (String v : vs) gvs.add(e.getKey().isEmpty() ? v : e.getKey() + "/" + v);
        }
        Map<String, ResourceType> byPath = new LinkedHashMap<>();
        for (ResourceType t : all) byPath.putIfAbsent(t.apiVersion() + "/" + t.resource(), t);
        Map<String, ResourceType> byBucket = new LinkedHashMap<>();
        for (ResourceType t : stored) byBucket.putIfAbsent(t.keyPrefix(), t);
        return new Snapshot(
                List.copyOf(all),
                List.copyOf(stored),
                List.copyOf(gvs),
                Map.copyOf(byPath),
                Map.copyOf(byBucket),
                Map.copyOf(custom),
                Map.copyOf(strategies),
                Map.copyOf(printers));
    }

    private static RowPrinter<?> printer(CustomVersion v) {
        try {
            return new CustomResourcePrinter(v.columns());
        } catch (IllegalArgumentException e) {
            return new CustomResourcePrinter(List.of()); // a path validation let through: Age only
        }
    }
}
