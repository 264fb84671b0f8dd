/**
 * Runs the controllers in one process: {@code ControllerManager} builds each {@code Controller}
 * against a {@code ControllerContext} (the client, the clock, one shared informer per kind),
 * starts the informers, waits for their caches, then starts every controller's worker; it stops
 * them in the reverse order. {@code ApiWrites} words the writes several controllers share.
 *
 * <p>Threading: each controller has exactly one {@code QueueWorker} thread (design.md rule 1), so a
 * controller core that is not thread-safe needs no locks; informer handlers only enqueue keys.
 */
package io.everynode.controllers.manager;
