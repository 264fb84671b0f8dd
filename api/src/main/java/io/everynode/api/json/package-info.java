/**
 * The one JSON and YAML configuration of the server and its clients (Jackson 3, as fabric8 8 uses),
 * writing strings with the escapes Go's {@code encoding/json} uses, so bodies read as
 * kube-apiserver's do.
 *
 * <p>Threading: the mapper is immutable and shared; every method is safe from any thread.
 */
package io.everynode.api.json;
