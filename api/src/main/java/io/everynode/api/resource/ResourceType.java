package io.everynode.api.resource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Set;

/**
 * One served resource: its coordinates, how discovery advertises it, and which field selectors
 * it accepts (kubectl-contract.md §4).
 *
 * @param group API group, "" for core
 * @param version API version, e.g. "v1"
 * @param resource plural name, e.g. "daemonsets"
 * @param subresources served subresources, e.g. "status"
 * @param fieldSelectors fields accepted in {@code fieldSelector}; any other is a 400
 * @param model the fabric8 model class objects of this kind decode into for admission
 */
public record ResourceType(
        String group,
        String version,
        String resource,
        String singular,
        String kind,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        List<String> verbs,
        List<String> subresources,
        Set<String> fieldSelectors,
        Class<? extends HasMetadata> model) {

    /** Identity is the group, version and resource; cheap, since types key hot maps. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceType t
                && t.resource.equals(resource)
                && t.group.equals(group)
                && t.version.equals(version);
    }

    @Override
    public int hashCode() {
        return resource.hashCode() * 31 + group.hashCode();
    }

    /**
     * Whether objects of this kind are stored: false for the create-only review kinds
     * (SelfSubjectReview, TokenReview), whose only verb is {@code create} and which are answered,
     * never kept.
     */
    public boolean persisted() {
        return !verbs.equals(CREATE_ONLY);
    }

    /** The verbs of a kind that is answered, never stored. */
    public static final List<String> CREATE_ONLY = List.of("create");

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String listKind() {
        return kind + "List";
    }

    /** "daemonsets.apps" or "pods": how upstream names the resource in messages. */
    public String qualifiedResource() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    /**
     * Prefix of this resource's keys in the store, upstream's ({@link StorageKeys}: e.g.
     * "/registry/daemonsets/", "/registry/minions/", "/registry/GROUP/RESOURCE/" for custom
     * resources); namespaced keys add "ns/name", others "name".
     */
    public String keyPrefix() {
        return StorageKeys.prefix(group, resource);
    }

    /**
     * The bucket ({@link #keyPrefix()}) a store key lies in, or null when the key is not an
     * object's ({@link StorageKeys#bucketOf}).
     */
    public static String bucketOf(String key) {
        return StorageKeys.bucketOf(key);
    }

    public String key(String namespace, String name) {
        return namespaced ? keyPrefix() + namespace + "/" + name : keyPrefix() + name;
    }

    /** The store prefix of a list: a namespace's objects, or all of them for {@code namespace == null}. */
    public String listPrefix(String namespace) {
        return namespaced && namespace != null ? keyPrefix() + namespace + "/" : keyPrefix();
    }
}
