/**
 * The API server's watch cache ({@code ObjectCache}): every served object decoded once, plus a
 * window of recent changes so watches can start from a recent resourceVersion; it follows the
 * store through one watch, asks it for progress to serve consistent reads, and lists the store
 * again ({@code Relister}) when that watch fails. Lists, watches, the garbage collector and the
 * namespace loop read it.
 *
 * <p>Threading: the store's watch thread is the only writer and calls subscribers, which must only
 * queue; readers take snapshots from any thread. A relist runs on the relister's one thread, under
 * the cache's lock while it replaces the contents. Cached objects are shared: never mutate them.
 */
package io.everynode.apiserver.watch;
