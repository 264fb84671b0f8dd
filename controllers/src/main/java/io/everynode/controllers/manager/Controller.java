package io.everynode.controllers.manager;

/**
 * One controller as the {@link ControllerManager} runs it. The manager builds every controller
 * first (each registers its informers, indexes and handlers on the shared
 * {@link ControllerContext}), then starts the informers, waits for their caches to sync, and
 * only then calls {@link #start()}: a controller's first sync always sees full caches.
 */
public interface Controller extends AutoCloseable {
    /** A controller with nothing to do (one whose configuration leaves it idle). */
    Controller NONE = new Controller() {
        @Override
        public void start() {}

        @Override
        public void close() {}
    };

    /** Starts the controller's worker; called once, after the shared caches have synced. */
    void start();

    /** Stops the worker and waits briefly for it; safe to call more than once, or before start. */
    @Override
    void close();
}
