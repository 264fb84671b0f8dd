/**
 * The API server's watch cache ({@code ObjectCache}): every served object decoded once, plus a
 * window of recent changes so watches can start from a recent resourceVersion; it follows the
 * store through one watch. Lists, watches, the garbage collector and the namespace loop read it.
 *
 * <p>Threading: the store's watch thread is the only writer and calls subscribers, which must only
 * queue; readers take snapshots from any thread. Cached objects are shared: never mutate them.
 */
package io.everynode.apiserver.watch;
