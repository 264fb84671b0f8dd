package io.everynode.testkit.history;

/**
 * A resource of the API and where it lives: {@code /api/v1} for the core group, else
 * {@code /apis/<group>/<version>}.
 */
public record ApiResource(String groupVersionPath, String resource) {

    public static ApiResource core(String resource) {
        return new ApiResource("/api/v1", resource);
    }

    public static ApiResource apps(String resource) {
        return new ApiResource("/apis/apps/v1", resource);
    }

    /** The collection's path: namespaced when {@code namespace} is not null. */
    String collection(String namespace) {
        return groupVersionPath + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + resource;
    }

    /** The history's key prefix for the collection: {@code resource/} or {@code resource/namespace/}. */
    String scope(String namespace) {
        return resource + "/" + (namespace == null ? "" : namespace + "/");
    }

    String key(String namespace, String name) {
        return resource + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }
}
