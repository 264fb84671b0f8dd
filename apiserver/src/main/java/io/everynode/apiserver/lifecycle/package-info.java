/**
 * What the API itself runs inside the API server: {@code Bootstrap} (the namespaces and priority
 * classes every cluster has, R8.1, written at every start), {@code StoreLayout} (the one-time move
 * of a former-layout store's keys to upstream's, before anything reads the store), and two loops: {@code GarbageCollector}
 * (cascading deletion by ownerReferences: Background, Foreground, Orphan, R6.8) over an
 * {@code OwnerIndex} of the cache, and {@code NamespaceLifecycle} (namespace termination).
 *
 * <p>Threading: each loop is a {@code Loop}: cache events enqueue keys from the cache's thread,
 * and one daemon thread per loop runs {@code sync(key)}, which is safe to repeat.
 */
package io.everynode.apiserver.lifecycle;
