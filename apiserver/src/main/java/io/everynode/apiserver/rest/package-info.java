/**
 * The REST verbs on resource paths: routing ({@code Router}, {@code Route}), body decoding (JSON,
 * YAML, the protobuf bodies kubectl's typed clients send), get, list, watch ({@code WatchStream}),
 * create, update, patch, delete and deletecollection ({@code RestHandler}), the pod subresources
 * (binding, eviction, log, relayed from the node's agent), the create-only review kinds answered
 * and never stored ({@code Reviews}: SelfSubjectReview, TokenReview), and output as objects, lists
 * or Tables.
 *
 * <p>Threading: one request per calling thread; a watch's events are queued by the cache's
 * thread and written by the request's thread, which the stream holds until it ends.
 */
package io.everynode.apiserver.rest;
