/**
 * The Kubernetes API of Everynode, independent of transport: {@code ApiServer#handle} serves one
 * {@code ApiRequest} into one {@code ApiResponse} (a whole body, or a stream of chunks for watches
 * and followed logs), whether the request came over HTTP ({@code http}) or from an in-process
 * client. {@code ApiServer} owns the watch cache over the store, the registry with its per-kind
 * strategies and the lifecycle loops; {@code Metrics} counts requests for {@code /metrics}.
 *
 * <p>Threading: {@code handle} is called concurrently, one request per caller thread, and blocks
 * that thread for the life of a stream; all shared state below it is thread-safe.
 */
package io.everynode.apiserver;
