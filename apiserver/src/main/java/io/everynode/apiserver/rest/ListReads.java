package io.everynode.apiserver.rest;

import io.everynode.api.resource.ResourceType;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.registry.Registry;
import io.everynode.store.CompactedException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves a list as upstream does ("Resource versions" and "Retrieving large results sets in
 * chunks" in the Kubernetes API concepts):
 * <ul>
 *   <li>resourceVersion unset: the latest state, consistent (the cache after it caught up);</li>
 *   <li>"0", or N with resourceVersionMatch NotOlderThan (or none): the cache as it is, once it
 *       reached N (else 504 Too large resource version, see {@link ReadOptions});</li>
 *   <li>N with resourceVersionMatch Exact: the state at N, read from the store; 410 "The
 *       resourceVersion for the provided list is too old." once compacted;</li>
 *   <li>{@code limit}: at most that many items, and when more remain a {@link ContinueToken}
 *       and, without selectors, {@code remainingItemCount}. Every later page reads the store at
 *       the first page's revision, so the pages are one snapshot; once that revision is
 *       compacted, 410 with a fresh token that goes on at the latest revision.</li>
 * </ul>
 * The options are checked first, with upstream's 422 (ListOptions) and 400 answers.
 */
final class ListReads {
    static final String TOO_OLD = "The resourceVersion for the provided list is too old.";
    static final String CONTINUE_TOO_OLD = "The provided continue parameter is too old to display a consistent list"
            + " result. You can start a new list without the continue parameter, or use the continue token in this"
            + " response to retrieve the remainder of the results. Continuing with the provided token results in an"
            + " inconsistent list - objects that were created, modified, or deleted between the time the first chunk"
            + " was returned and now may show up in the list.";

    private final Registry registry;
    private final ReadOptions reads;

    ListReads(Registry registry, ReadOptions reads) {
        this.registry = registry;
        this.reads = reads;
    }

    /** One page of a list: its items, the revision they are at, and what is left. */
    record Page(List<ObjectNode> items, long revision, String continueToken, Long remainingItemCount) {}

    Page list(ApiRequest req, ResourceType type, String namespace, Predicate<ObjectNode> filter) {
        String rvParam = req.param("resourceVersion");
        String match = req.param("resourceVersionMatch");
        String cont = req.param("continue");
        check(req, rvParam, match, cont);
        long rv = ReadOptions.resourceVersion(rvParam);
        long limit = limit(req.param("limit"));
        boolean selectors = present(req.param("labelSelector")) || present(req.param("fieldSelector"));
        if (present(cont)) {
            if (present(rvParam) && !"0".equals(rvParam)) {
                throw Statuses.badRequest("specifying resource version is not allowed when using continue");
            }
            ContinueToken token = ContinueToken.decode(cont);
            Registry.Listed state;
            if (token.revision() == ContinueToken.LATEST) {
                state = registry.list(type, namespace, filter);
            } else {
                try {
                    state = registry.listAt(type, namespace, token.revision(), filter);
                } catch (CompactedException e) {
                    throw continueExpired(new ContinueToken(ContinueToken.LATEST, token.start()));
                }
            }
            return page(type, state, token.startKey(type.keyPrefix()), limit, selectors);
        }
        Registry.Listed state;
        if ("Exact".equals(match)) {
            reads.awaitListable(rvParam, rv);
            try {
                state = registry.listAt(type, namespace, rv, filter);
            } catch (CompactedException e) {
                throw Statuses.gone(TOO_OLD);
            }
        } else if (!present(rvParam)) {
            state = registry.list(type, namespace, filter);
        } else {
            reads.awaitListable(rvParam, rv);
            state = registry.listCached(type, namespace, filter);
        }
        return page(type, state, null, limit, selectors);
    }

    /** The items from {@code startKey} on, at most {@code limit} of them (0: all), and what is left. */
    private static Page page(ResourceType type, Registry.Listed state, String startKey, long limit, boolean selectors) {
        List<ObjectNode> items = state.items();
        if (startKey != null) {
            List<ObjectNode> rest = new ArrayList<>();
            for (ObjectNode o : items) if (key(type, o).compareTo(startKey) >= 0) rest.add(o);
            items = rest;
        }
        if (limit <= 0 || items.size() <= limit) return new Page(items, state.revision(), null, null);
        List<ObjectNode> first = items.subList(0, (int) limit);
        String token = ContinueToken.after(state.revision(), type.keyPrefix(), key(type, first.get(first.size() - 1)))
                .encode();
        Long remaining = selectors ? null : (long) (items.size() - first.size());
        return new Page(first, state.revision(), token, remaining);
    }

    private static String key(ResourceType type, ObjectNode o) {
        ObjectNode meta = (ObjectNode) o.path("metadata");
        return type.key(meta.path("namespace").asString(""), meta.path("name").asString(""));
    }

    /** Upstream's checks of a list's options, in its order; 422 on ListOptions. */
    private static void check(ApiRequest req, String rv, String match, String cont) {
        List<Statuses.Cause> causes = new ArrayList<>();
        if (present(match)) {
            if (!present(rv))
                causes.add(forbidden("resourceVersionMatch is forbidden unless resourceVersion is provided"));
            if (present(cont)) causes.add(forbidden("resourceVersionMatch is forbidden when continue is provided"));
            if (!match.equals("Exact") && !match.equals("NotOlderThan")) {
                causes.add(new Statuses.Cause(
                        "resourceVersionMatch",
                        "FieldValueNotSupported",
                        "Unsupported value: \"" + match + "\": supported values: \"Exact\", \"NotOlderThan\""));
            }
            if (match.equals("Exact") && "0".equals(rv)) {
                causes.add(forbidden("resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
            }
        }
        if (req.param("sendInitialEvents") != null) {
            causes.add(new Statuses.Cause(
                    "sendInitialEvents", "FieldValueForbidden", "Forbidden: sendInitialEvents is forbidden for list"));
        }
        if (!causes.isEmpty()) throw Statuses.invalid("meta.k8s.io", "ListOptions", "", causes);
    }

    private static Statuses.Cause forbidden(String why) {
        return new Statuses.Cause("resourceVersionMatch", "FieldValueForbidden", "Forbidden: " + why);
    }

    private static long limit(String limit) {
        if (!present(limit)) return 0;
        try {
            return Long.parseLong(limit);
        } catch (NumberFormatException e) {
            throw Statuses.badRequest("limit: Invalid value: \"" + limit + "\": strconv.ParseInt: parsing \"" + limit
                    + "\": invalid syntax");
        }
    }

    private static ApiException continueExpired(ContinueToken fresh) {
        ApiException gone = Statuses.gone(CONTINUE_TOO_OLD);
        return Statuses.withContinue(gone, fresh.encode());
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }
}
