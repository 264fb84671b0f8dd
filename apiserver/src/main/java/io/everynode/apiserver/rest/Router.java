package io.everynode.apiserver.rest;

import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.errors.Statuses;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** Resolves resource paths ({@code /api/v1/...} and {@code /apis/{group}/{version}/...}). */
public final class Router {
    private Router() {}

    /** The route of a resource path among the built-in kinds, or empty when the path is not a resource path at all. */
    public static Optional<Route> resolve(String path) {
        return resolve(path, ResourceTypes::find);
    }

    /**
     * The route of a resource path, or empty when the path is not a resource path at all.
     *
     * @param types the served resource of an apiVersion and plural name (the runtime catalogue)
     */
    public static Optional<Route> resolve(String path, BiFunction<String, String, Optional<ResourceType>> types) {
        List<String> p =
                Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        String apiVersion;
        int i;
        if (p.size() >= 3 && p.get(0).equals("api")) {
            apiVersion = p.get(1);
            i = 2;
        } else if (p.size() >= 4 && p.get(0).equals("apis")) {
            apiVersion = p.get(1) + "/" + p.get(2);
            i = 3;
        } else {
            return Optional.empty();
        }
        List<String> rest = p.subList(i, p.size());
        String namespace = null;
        // /namespaces/{ns}/{resource}... is a namespaced path unless it names the namespace itself.
        boolean namespaceSubresource = rest.size() == 3
                && rest.get(0).equals("namespaces")
                && ResourceTypes.NAMESPACES.subresources().contains(rest.get(2))
                && types.apply(apiVersion, rest.get(2)).isEmpty();
        if (rest.size() >= 3 && rest.get(0).equals("namespaces") && !namespaceSubresource) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        ResourceType type = types.apply(apiVersion, resource).orElseThrow(Statuses::pathNotFound);
        if (namespace != null && !type.namespaced()) throw Statuses.pathNotFound();
        String name = rest.size() > 1 ? rest.get(1) : null;
        String sub = rest.size() > 2 ? rest.get(2) : null;
        if (rest.size() > 3) throw Statuses.pathNotFound();
        if (sub != null && !type.subresources().contains(sub)) throw Statuses.pathNotFound();
        return Optional.of(new Route(type, namespace, name, sub));
    }
}
