package io.everynode.apiserver.registry;

import io.everynode.api.Pods;
import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.encryption.ValueTransformer;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.errors.Statuses.Cause;
import io.everynode.apiserver.watch.ObjectCache;
import io.everynode.store.ConflictException;
import io.everynode.store.KeyExistsException;
import io.everynode.store.KeyNotFoundException;
import io.everynode.store.KeyValue;
import io.everynode.store.ListResult;
import io.everynode.store.Store;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generic storage of API objects on the {@link Store}: the write path every kind shares
 * (metadata the server owns, preconditions, no-op detection, dry run) with the kind-specific
 * parts delegated to its {@link Strategy}. Reads of lists go through the {@link ObjectCache}.
 *
 * <p>Objects are stored without {@code metadata.resourceVersion}; the store revision of the
 * last write is the resourceVersion and is stamped on every object read.
 */
public final class Registry {
    /** generateName suffix alphabet: upstream's, without vowels and look-alikes. */
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private static final int MAX_RETRIES = 10;

    private final Store store;
    private final ObjectCache cache;
    private final Clock clock;
    private final Map<ResourceType, Strategy> strategies;
    private final DynamicTypes dynamic;
    private final ValueTransformer transformer;
    private final Random random = new SecureRandom();
    private volatile Admission admission = Admission.NONE;

    public Registry(Store store, ObjectCache cache, Clock clock, Map<ResourceType, Strategy> strategies) {
        this(store, cache, clock, strategies, DynamicTypes.none());
    }

    /** @param dynamic the types served beyond the built-in ones (custom resources) */
    public Registry(
            Store store, ObjectCache cache, Clock clock, Map<ResourceType, Strategy> strategies, DynamicTypes dynamic) {
        this(store, cache, clock, strategies, dynamic, ValueTransformer.NONE);
    }

    /**
     * @param transformer how objects' bytes become stored values and back (encryption at rest);
     *     the cache must read with the same one
     */
    public Registry(
            Store store,
            ObjectCache cache,
            Clock clock,
            Map<ResourceType, Strategy> strategies,
            DynamicTypes dynamic,
            ValueTransformer transformer) {
        this.transformer = transformer;
        this.store = store;
        this.cache = cache;
        this.clock = clock;
        this.strategies = Map.copyOf(strategies);
        this.dynamic = dynamic;
    }

    /** The admission checks every write through this registry meets (see {@link Admission}). */
    public void admission(Admission checks) {
        this.admission = java.util.Objects.requireNonNull(checks);
    }

    /**
     * Runs the admission checks on a write a subresource answers itself (an eviction), before the
     * writes it then makes as the server.
     */
    public void admit(Admission.Request request) {
        admission.admit(request);
    }

    public Strategy strategy(ResourceType type) {
        Strategy s = strategies.get(type);
        return s != null ? s : dynamic.strategy(type).orElseGet(() -> new Strategy() {});
    }

    /**
     * {@code obj} as the version {@code type} serves it: the same object when it is that version
     * already, else a copy with that apiVersion (versions of a kind differ in nothing else here).
     */
    public static ObjectNode as(ObjectNode obj, ResourceType type) {
        if (type.apiVersion().equals(obj.path("apiVersion").asString(""))) return obj;
        ObjectNode copy = obj.deepCopy();
        copy.put("apiVersion", type.apiVersion());
        return copy;
    }

    /** The bytes stored for an object of {@code type} under {@code key}: in its storage version, transformed. */
    private byte[] storable(ResourceType type, String key, ObjectNode obj) {
        return transformer.toStorage(key, Json.bytes(as(obj, dynamic.storage(type))));
    }

    public ObjectCache cache() {
        return cache;
    }

    /** Read access for admission: current objects, from the cache. */
    public WriteContext.Lookup lookup() {
        return new WriteContext.Lookup() {
            @Override
            public ObjectNode get(ResourceType type, String namespace, String name) {
                ObjectNode o = cache.get(type, type.key(namespace, name));
                if (o != null) return o;
                cache.sync(); // written a moment ago, maybe: let the cache catch up once
                return cache.get(type, type.key(namespace, name));
            }

            @Override
            public Collection<ObjectNode> list(ResourceType type, String namespace) {
                return cache.list(type, type.listPrefix(namespace));
            }

            @Override
            public Collection<ObjectNode> listConsistent(ResourceType type, String namespace) {
                cache.sync();
                return cache.list(type, type.listPrefix(namespace));
            }
        };
    }

    /** The object now, read from the store (a consistent read). */
    public ObjectNode get(ResourceType type, String namespace, String name) {
        return read(type, namespace, name).object();
    }

    /** A consistent list: the cache after it caught up with the store. */
    public Listed list(ResourceType type, String namespace, Predicate<ObjectNode> filter) {
        cache.sync();
        return listCached(type, namespace, filter);
    }

    /** A list from the cache as it is now, whatever it has reached (resourceVersion "0" and NotOlderThan). */
    public Listed listCached(ResourceType type, String namespace, Predicate<ObjectNode> filter) {
        ObjectCache.Listing listing = cache.snapshot(type, type.listPrefix(namespace));
        List<ObjectNode> items = new ArrayList<>();
        for (ObjectNode o : listing.items()) {
            ObjectNode served = as(o, type);
            if (filter.test(served)) items.add(served);
        }
        return new Listed(items, listing.revision());
    }

    /**
     * The objects as they were at {@code revision}, read from the store (an Exact list, and the
     * later pages of a paged one).
     *
     * @throws io.everynode.store.CompactedException when the store no longer has that revision
     */
    public Listed listAt(ResourceType type, String namespace, long revision, Predicate<ObjectNode> filter) {
        ListResult result = store.list(type.listPrefix(namespace), revision);
        List<ObjectNode> items = new ArrayList<>();
        for (KeyValue kv : result.items()) {
            ObjectNode served = as(
                    ObjectCache.decode(
                            transformer.fromStorage(kv.key(), kv.value()).value(), kv.modRevision()),
                    type);
            if (filter.test(served)) items.add(served);
        }
        return new Listed(items, result.revision());
    }

    /** Items of a list and the revision it reflects. Items are shared: copy before changing. */
    public record Listed(List<ObjectNode> items, long revision) {}

    /** @param stale stored otherwise than a write would store it now: rewrite even when unchanged */
    private record Current(ObjectNode object, long revision, boolean stale) {}

    private Current read(ResourceType type, String namespace, String name) {
        KeyValue kv = store.get(type.key(namespace, name))
                .orElseThrow(() -> Statuses.notFound(type.group(), type.resource(), name));
        ValueTransformer.Read stored = transformer.fromStorage(kv.key(), kv.value());
        return new Current(
                as(ObjectCache.decode(stored.value(), kv.modRevision()), type), kv.modRevision(), stored.stale());
    }

    // ---- create ---------------------------------------------------------------------------

    public ObjectNode create(ResourceType type, String namespace, ObjectNode obj, boolean dryRun) {
        return create(type, namespace, obj, dryRun, Caller.server());
    }

    /** Creates {@code obj} on behalf of {@code caller}, whose admission warnings it collects. */
    public ObjectNode create(ResourceType type, String namespace, ObjectNode obj, boolean dryRun, Caller caller) {
        ObjectNode meta = Meta.of(obj);
        obj.put("apiVersion", type.apiVersion());
        obj.put("kind", type.kind());
        if (type.namespaced()) {
            String given = Json.text(meta, "namespace");
            if (given != null && !given.isEmpty() && !given.equals(namespace)) {
                throw Statuses.badRequest(
                        "the namespace of the provided object does not match the namespace sent on the request");
            }
            meta.put("namespace", namespace);
            requireLiveNamespace(type, namespace, Json.text(meta, "name"));
        } else {
            meta.remove("namespace");
        }
        String rv = Json.text(meta, "resourceVersion");
        if (rv != null && !rv.isEmpty()) {
            throw Statuses.badRequest("resourceVersion should not be set on objects to be created");
        }
        meta.remove("resourceVersion");
        String name = Json.text(meta, "name");
        String generateName = Json.text(meta, "generateName");
        boolean generated = (name == null || name.isEmpty()) && generateName != null && !generateName.isEmpty();
        if (generated) {
            name = generateName + suffix();
            meta.put("name", name);
        }
        if (name == null || name.isEmpty()) {
            throw Statuses.invalid(
                    type.group(),
                    type.kind(),
                    "",
                    List.of(new Cause(
                            "metadata.name",
                            "FieldValueRequired",
                            "Required value: name or generateName is required")));
        }
        Instant now = clock.instant();
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", Meta.time(now));
        meta.remove("deletionTimestamp");
        meta.remove("deletionGracePeriodSeconds");
        meta.remove("managedFields");
        Strategy s = strategy(type);
        if (s.hasGeneration()) meta.put("generation", 1);
        else meta.remove("generation");
        WriteEffects effects = new WriteEffects();
        WriteContext ctx = new WriteContext(now, lookup(), caller, dryRun, effects);
        ObjectNode stored = null;
        try {
            s.prepareForCreate(obj, ctx);
            List<Cause> causes = s.validateCreate(obj, ctx);
            if (!causes.isEmpty()) throw Statuses.invalid(type.group(), type.kind(), name, causes);
            admission.admit(new Admission.Request(
                    Admission.Operation.CREATE, type, namespace, name, null, obj, null, caller, dryRun, ctx.lookup()));
            if (dryRun) {
                if (store.get(type.key(namespace, name)).isPresent())
                    throw Statuses.alreadyExists(type.group(), type.resource(), name);
                return obj;
            }
            store(type, namespace, obj, name, generated ? generateName : null);
            stored = obj;
        } finally {
            effects.finish(stored); // what the strategy took is kept, or given back if nothing was stored
        }
        s.created(obj, this);
        return obj;
    }

    private void store(ResourceType type, String namespace, ObjectNode obj, String name, String generateName) {
        for (int attempt = 0; ; attempt++) {
            try {
                KeyValue kv = store.create(type.key(namespace, name), storable(type, type.key(namespace, name), obj));
                // Strategies may have replaced the metadata node: look it up again.
                Meta.of(obj).put("resourceVersion", Long.toString(kv.modRevision()));
                return;
            } catch (KeyExistsException e) {
                // A generated name that collides is drawn again, as upstream's RetryGenerateName does.
                if (generateName == null || attempt >= 7)
                    throw Statuses.alreadyExists(type.group(), type.resource(), name);
                name = generateName + suffix();
                Meta.of(obj).put("name", name);
            }
        }
    }

    private void requireLiveNamespace(ResourceType type, String namespace, String name) {
        KeyValue kv = store.get(ResourceTypes.NAMESPACES.key(null, namespace))
                .orElseThrow(() -> Statuses.namespaceNotFound(namespace));
        JsonNode ns = Json.parse(transformer.fromStorage(kv.key(), kv.value()).value());
        if (Meta.deleting(ns) || "Terminating".equals(Json.text(ns.path("status"), "phase"))) {
            throw Statuses.forbidden(
                    type.group(),
                    type.resource(),
                    name,
                    "unable to create new content in namespace " + namespace + " because it is being terminated");
        }
    }

    private String suffix() {
        StringBuilder b = new StringBuilder(5);
        for (int i = 0; i < 5; i++) b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return b.toString();
    }

    // ---- update and patch -----------------------------------------------------------------

    /**
     * Which part of the object a write may change: the main resource (spec and metadata; status
     * kept), the status subresource (status only), or SYSTEM for the server's own writes that
     * upstream makes straight to storage (a pod's binding), which skip update validation.
     */
    public enum Part {
        MAIN,
        STATUS,
        /** CertificateSigningRequests' {@code /approval}: the approval conditions only. */
        APPROVAL,
        SYSTEM
    }

    /** PUT: replaces the object; a resourceVersion in the body is a precondition. */
    public ObjectNode update(
            ResourceType type, String namespace, String name, ObjectNode obj, Part part, boolean dryRun) {
        return update(type, namespace, name, obj, part, dryRun, Caller.server());
    }

    /** PUT on behalf of {@code caller}. */
    public ObjectNode update(
            ResourceType type,
            String namespace,
            String name,
            ObjectNode obj,
            Part part,
            boolean dryRun,
            Caller caller) {
        String bodyName = Meta.name(obj);
        if (bodyName != null && !bodyName.equals(name)) {
            throw Statuses.badRequest(
                    "the name of the object (" + bodyName + ") does not match the name on the URL (" + name + ")");
        }
        String precondition = Meta.resourceVersion(obj);
        return write(type, namespace, name, current -> obj.deepCopy(), precondition, part, dryRun, caller);
    }

    /**
     * Read-modify-write: {@code change} gets a copy of the current object and returns the new
     * one; retried on conflicting writes unless the result names a resourceVersion itself.
     */
    public ObjectNode patch(
            ResourceType type,
            String namespace,
            String name,
            UnaryOperator<ObjectNode> change,
            Part part,
            boolean dryRun) {
        return patch(type, namespace, name, change, part, dryRun, Caller.server());
    }

    /** Read-modify-write on behalf of {@code caller}. */
    public ObjectNode patch(
            ResourceType type,
            String namespace,
            String name,
            UnaryOperator<ObjectNode> change,
            Part part,
            boolean dryRun,
            Caller caller) {
        return write(type, namespace, name, change, null, part, dryRun, caller);
    }

    private ObjectNode write(
            ResourceType type,
            String namespace,
            String name,
            UnaryOperator<ObjectNode> change,
            String precondition,
            Part part,
            boolean dryRun,
            Caller caller) {
        return attemptWrites(type, namespace, name, change, precondition, part, dryRun, caller);
    }

    private ObjectNode attemptWrites(
            ResourceType type,
            String namespace,
            String name,
            UnaryOperator<ObjectNode> change,
            String precondition,
            Part part,
            boolean dryRun,
            Caller caller) {
        for (int attempt = 0; ; attempt++) {
            Current cur = read(type, namespace, name);
            ObjectNode old = cur.object();
            ObjectNode next = change.apply(old.deepCopy());
            String rv = precondition != null && !precondition.isEmpty() ? precondition : Meta.resourceVersion(next);
            boolean pinned = rv != null && !rv.isEmpty() && !rv.equals(Meta.resourceVersion(old));
            if (pinned) throw Statuses.staleResourceVersion(type.group(), type.resource(), name);
            boolean explicit = precondition != null && !precondition.isEmpty();
            // One attempt's effects: a retry after a conflict takes (and gives back) its own.
            WriteEffects effects = new WriteEffects();
            ObjectNode stored = null;
            try {
                ObjectNode result = prepareUpdate(type, namespace, name, next, old, part, caller, dryRun, effects);
                if (!cur.stale() && Json.same(result, old)) return old;
                admission.admit(new Admission.Request(
                        Admission.Operation.UPDATE,
                        type,
                        namespace,
                        name,
                        part == Part.STATUS ? "status" : part == Part.APPROVAL ? "approval" : null,
                        result,
                        old,
                        caller,
                        dryRun,
                        lookup()));
                if (dryRun) return result;
                if (Meta.deleting(result)
                        && Meta.finalizers(result).isEmpty()
                        && !strategy(type).deletionPending(result)
                        && result.path("metadata")
                                        .path("deletionGracePeriodSeconds")
                                        .asLong(0)
                                == 0) {
                    store.delete(type.key(namespace, name), cur.revision());
                    strategy(type).deleted(old);
                    return result;
                }
                Meta.of(result).remove("resourceVersion");
                KeyValue kv = store.update(
                        type.key(namespace, name), storable(type, type.key(namespace, name), result), cur.revision());
                Meta.of(result).put("resourceVersion", Long.toString(kv.modRevision()));
                stored = result;
                return result;
            } catch (ConflictException e) {
                if (explicit || attempt >= MAX_RETRIES)
                    throw Statuses.staleResourceVersion(type.group(), type.resource(), name);
            } catch (KeyNotFoundException e) {
                throw Statuses.notFound(type.group(), type.resource(), name);
            } finally {
                effects.finish(stored); // kept when stored, else given back (invalid, refused, conflict, gone)
            }
        }
    }

    private ObjectNode prepareUpdate(
            ResourceType type,
            String namespace,
            String name,
            ObjectNode next,
            ObjectNode old,
            Part part,
            Caller caller,
            boolean dryRun,
            WriteEffects effects) {
        Strategy s = strategy(type);
        next.put("apiVersion", type.apiVersion());
        next.put("kind", type.kind());
        ObjectNode meta = Meta.of(next);
        ObjectNode oldMeta = Meta.of(old);
        String uid = Json.text(meta, "uid");
        if (uid != null && !uid.isEmpty() && !uid.equals(Json.text(oldMeta, "uid"))) {
            throw Statuses.conflict(
                    type.group(),
                    type.resource(),
                    name,
                    "Precondition failed: UID in precondition: " + uid + ", UID in object meta: "
                            + Json.text(oldMeta, "uid"));
        }
        // Fields only the server sets are carried over whatever the client sent.
        for (String f : List.of(
                "name",
                "namespace",
                "uid",
                "creationTimestamp",
                "deletionTimestamp",
                "deletionGracePeriodSeconds",
                "generation",
                "resourceVersion")) {
            if (oldMeta.has(f)) meta.set(f, oldMeta.get(f).deepCopy());
            else meta.remove(f);
        }
        if (Meta.deleting(old)) {
            List<String> added = new ArrayList<>(Meta.finalizers(next));
            added.removeAll(Meta.finalizers(old));
            if (!added.isEmpty()) {
                throw Statuses.forbidden(
                        type.group(),
                        type.resource(),
                        name,
                        "no new finalizers can be added if the object is being deleted, found new finalizers " + added);
            }
        }
        WriteContext ctx = new WriteContext(clock.instant(), lookup(), caller, dryRun, effects);
        List<Cause> causes;
        if (part == Part.SYSTEM) {
            causes = List.of();
        } else if (part == Part.STATUS) {
            s.prepareForStatusUpdate(next, old);
            causes = s.validateStatusUpdate(next, old);
        } else if (part == Part.APPROVAL) {
            s.prepareForApprovalUpdate(next, old);
            causes = s.validateApprovalUpdate(next, old);
        } else {
            if (s.hasStatusSubresource()) {
                if (old.has("status")) next.set("status", old.get("status").deepCopy());
                else next.remove("status");
            }
            s.prepareForUpdate(next, old, ctx);
            if (s.hasGeneration() && !Json.same(next.path("spec"), old.path("spec"))) {
                // Strategies may have replaced the metadata node: look it up again.
                Meta.of(next)
                        .put(
                                "generation",
                                old.path("metadata").path("generation").asLong(0) + 1);
            }
            causes = s.validateUpdate(next, old, ctx);
        }
        if (!causes.isEmpty()) throw Statuses.invalid(type.group(), type.kind(), name, causes);
        return next;
    }

    // ---- delete ---------------------------------------------------------------------------

    /** The outcome of a delete: the object as it now is, and whether it is gone already. */
    public record Deleted(ObjectNode object, boolean gone) {}

    public Deleted delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        return delete(type, namespace, name, options, Caller.server());
    }

    /** Deletes on behalf of {@code caller}; admission sees the object as it was before. */
    public Deleted delete(ResourceType type, String namespace, String name, DeleteOptions options, Caller caller) {
        for (int attempt = 0; ; attempt++) {
            Current cur = read(type, namespace, name);
            ObjectNode obj = cur.object();
            options.checkPreconditions(type, name, obj);
            if (attempt == 0)
                admission.admit(new Admission.Request(
                        Admission.Operation.DELETE,
                        type,
                        namespace,
                        name,
                        null,
                        obj,
                        obj,
                        caller,
                        options.dryRun(),
                        lookup()));
            Instant now = clock.instant();
            ObjectNode next = obj.deepCopy();
            List<String> finalizers = new ArrayList<>(Meta.finalizers(next));
            boolean alreadyDeleting = Meta.deleting(obj);
            String policy = options.propagationPolicy();
            if (!alreadyDeleting || !finalizers.isEmpty()) {
                if ("Orphan".equals(policy) && !finalizers.contains("orphan")) {
                    finalizers.add("orphan");
                    finalizers.remove("foregroundDeletion");
                } else if ("Foreground".equals(policy) && !finalizers.contains("foregroundDeletion")) {
                    finalizers.add("foregroundDeletion");
                    finalizers.remove("orphan");
                }
            }
            long grace = gracePeriod(type, obj, options);
            boolean immediate =
                    finalizers.isEmpty() && grace == 0 && !strategy(type).deletionPending(obj);
            if (immediate) {
                if (options.dryRun()) return new Deleted(obj, true);
                try {
                    KeyValue kv = store.delete(type.key(namespace, name), cur.revision());
                    strategy(type).deleted(obj);
                    Meta.of(obj).put("resourceVersion", Long.toString(kv.modRevision()));
                    return new Deleted(obj, true);
                } catch (ConflictException e) {
                    if (attempt >= MAX_RETRIES)
                        throw Statuses.staleResourceVersion(type.group(), type.resource(), name);
                    continue;
                } catch (KeyNotFoundException e) {
                    throw Statuses.notFound(type.group(), type.resource(), name);
                }
            }
            ObjectNode meta = Meta.of(next);
            Instant deadline = now.plusSeconds(grace);
            Instant existing = Meta.parseTime(Json.text(meta, "deletionTimestamp"));
            if (existing == null || deadline.isBefore(existing)) {
                meta.put("deletionTimestamp", Meta.time(deadline));
                meta.put("deletionGracePeriodSeconds", grace);
            }
            Meta.setFinalizers(next, finalizers);
            strategy(type).prepareForDeletion(next);
            if (Json.same(next, obj)) return new Deleted(obj, false);
            if (options.dryRun()) return new Deleted(next, false);
            try {
                meta.remove("resourceVersion");
                KeyValue kv = store.update(
                        type.key(namespace, name), storable(type, type.key(namespace, name), next), cur.revision());
                meta.put("resourceVersion", Long.toString(kv.modRevision()));
                return new Deleted(next, false);
            } catch (ConflictException e) {
                if (attempt >= MAX_RETRIES) throw Statuses.staleResourceVersion(type.group(), type.resource(), name);
            } catch (KeyNotFoundException e) {
                throw Statuses.notFound(type.group(), type.resource(), name);
            }
        }
    }

    /**
     * Graceful deletion applies to pods only: the grace period asked for, else the pod's
     * terminationGracePeriodSeconds (30 s by default); but a pod that was never scheduled or has
     * already finished goes at once, as upstream's pod strategy decides. A negative
     * terminationGracePeriodSeconds counts as 1 second.
     */
    private static long gracePeriod(ResourceType type, ObjectNode obj, DeleteOptions options) {
        if (type != ResourceTypes.PODS) return 0;
        String phase = Json.text(obj.path("status"), "phase");
        String node = Json.text(obj.path("spec"), "nodeName");
        if (node == null || node.isEmpty() || Pods.isTerminalPhase(phase)) return 0;
        if (options.gracePeriodSeconds() != null) return Math.max(0, options.gracePeriodSeconds());
        long grace = obj.path("spec").path("terminationGracePeriodSeconds").asLong(30);
        return grace < 0
                ? 1
                : grace; // stored negative (accepted with a warning): 1 s, as upstream's pod strategy has it
    }

    /** Throws a 404 unless the object exists: used before subresource writes. */
    public void requireExists(ResourceType type, String namespace, String name) {
        read(type, namespace, name);
    }
}
