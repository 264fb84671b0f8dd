package io.everynode.client;

import io.everynode.api.resource.ResourceType;

/** REST paths of resources, as the API serves them. */
final class Paths {
    private Paths() {}

    /** The collection path: a namespace's objects, or all of them when {@code namespace} is null. */
    static String collection(ResourceType t, String namespace) {
        String root = t.group().isEmpty() ? "/api/" + t.version() : "/apis/" + t.group() + "/" + t.version();
        String ns = t.namespaced() && namespace != null ? "/namespaces/" + checkSegment(namespace) : "";
        return root + ns + "/" + t.resource();
    }

    /** One object's path, with an optional subresource (null for none). */
    static String object(ResourceType t, String namespace, String name, String subresource) {
        if (t.namespaced() && (namespace == null || namespace.isEmpty())) {
            throw new IllegalArgumentException(t.kind() + " is namespaced: a namespace is required");
        }
        String p = collection(t, namespace) + "/" + checkSegment(name);
        return subresource == null ? p : p + "/" + checkSegment(subresource);
    }

    /** Names are DNS labels or subdomains on the server; refuse anything that would change the path. */
    private static String checkSegment(String s) {
        if (s == null
                || s.isEmpty()
                || s.contains("/")
                || s.contains("?")
                || s.contains("#")
                || s.equals("..")
                || s.equals(".")) {
            throw new IllegalArgumentException("not a valid name: \"" + s + "\"");
        }
        return s;
    }
}
