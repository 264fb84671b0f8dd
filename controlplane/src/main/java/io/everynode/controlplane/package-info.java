/**
 * Where the API server and its clients meet in one process (design.md, Modules):
 * {@link io.everynode.controlplane.ControlPlane}, which starts and stops store, API server, HTTP
 * front and controllers in one order for {@code server}, {@code up}, the benchmarks and tests; and the
 * {@link io.everynode.controlplane.InProcessTransport}, a {@code client} transport that calls
 * {@code ApiServer.handle} directly. It lives here, above both {@code apiserver} and {@code client},
 * so that neither the client nor anything built on it (controllers, the agent) needs the server,
 * the store, Jetty's server or SQLite on its class path. {@code ElectedControllers} runs the
 * controllers and the scheduler under leader election when the control plane is built with it
 * (docs/ha.md).
 *
 * <p>This module's tests also hold the suites that need a real server in process: the client's
 * over-both-transports tests and the controllers' through-the-API and e2e tests (their packages
 * kept), since {@code client} and {@code controllers} come before this module.
 */
package io.everynode.controlplane;
