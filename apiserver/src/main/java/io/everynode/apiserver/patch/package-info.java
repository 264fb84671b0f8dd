/**
 * The three PATCH body formats the Kubernetes API server accepts, as pure functions on Jackson 3
 * trees that never change their inputs: {@link io.everynode.apiserver.patch.JsonMergePatch}
 * (RFC 7386), {@link io.everynode.apiserver.patch.JsonPatch} (RFC 6902) and
 * {@link io.everynode.apiserver.patch.StrategicMergePatch} (Kubernetes, schema per kind).
 * Failures are {@link io.everynode.apiserver.patch.PatchException}s carrying the HTTP status
 * (400 or 422) the server should answer with.
 */
package io.everynode.apiserver.patch;
