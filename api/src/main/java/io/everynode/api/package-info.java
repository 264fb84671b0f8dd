/**
 * Pure rules on Kubernetes types (fabric8's model), with no I/O and no threads: the module every
 * other one builds on. This package holds what does not fit a sub-package: the built-in priority
 * classes and pod criticality ({@code Priorities}, R8.1, R9.2), the pod and node facts every module
 * asks ({@code Pods}: key, Ready, terminal; {@code Nodes}: Ready), and the unknown-field scan behind
 * {@code fieldValidation} ({@code UnknownFields}). Sub-packages: {@code selector}, {@code scheduling},
 * {@code qos}, {@code defaults}, {@code validation}, {@code podsecurity}.
 *
 * <p>Threading: stateless static functions and immutable values; safe from any thread.
 */
package io.everynode.api;
