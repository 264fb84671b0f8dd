/**
 * Pulls over the OCI distribution API with the JDK's HttpClient (the protocol is a handful of GETs;
 * the Java registry libraries, e.g. Jib's, bring their own HTTP stacks and Guava for it):
 * {@link io.everynode.images.registry.RegistryPuller} (one pull at a time per image),
 * {@link io.everynode.images.registry.RegistryClient} (the /v2/ ping, Bearer tokens and Basic
 * auth, manifests and blobs), {@link io.everynode.images.registry.RegistryHosts} (which hosts may be
 * spoken to in plain HTTP) and {@link io.everynode.images.registry.DockerConfig} (credentials from
 * a dockerconfigjson or dockercfg).
 */
package io.everynode.images.registry;
