/**
 * The OpenAPI v3 documents of the served kinds ({@link io.everynode.apiserver.openapi.OpenApi}):
 * paths per resource with the operations and parameters kubectl looks for, and component schemas
 * generated from the fabric8 model classes by reflection over their Jackson annotations, named
 * and shaped as upstream's ({@code io.k8s.api.apps.v1.DaemonSet}, references through
 * {@code allOf}, {@code x-kubernetes-group-version-kind} on kinds, strategic-merge extensions
 * from the server's own merge table). Custom resources plug in as another
 * {@link io.everynode.apiserver.openapi.SchemaProvider}. See docs/openapi.md.
 *
 * <p>Threading: schemas are generated once at construction; documents are built on first request
 * and immutable after; everything here is safe from any request thread.
 */
package io.everynode.apiserver.openapi;
