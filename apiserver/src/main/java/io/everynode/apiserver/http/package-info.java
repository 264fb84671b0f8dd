/**
 * The HTTP/1.1 front of the API ({@code HttpFrontend}, Jetty core handlers, HTTPS with a
 * {@code ServingTls}): turns each exchange
 * into an {@code ApiRequest} for {@code ApiServer#handle} and writes the answer, chunked and
 * flushed per event for streams. Plain HTTP binds loopback only.
 *
 * <p>Threading: requests run on Jetty's pool with blocking I/O; a watch or followed log holds its
 * thread while open, so the pool is sized for many open watches.
 */
package io.everynode.apiserver.http;
