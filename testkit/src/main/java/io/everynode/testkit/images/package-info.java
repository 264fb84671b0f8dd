/**
 * Image fixtures for tests: {@link io.everynode.testkit.images.OciImage} builds small OCI images in
 * memory (busybox-static and its applet links, files, whiteouts), written out as an OCI layout, an
 * OCI archive or a {@code docker save} archive; {@link io.everynode.testkit.images.TestRegistry}
 * runs Debian's {@code docker-registry} on a loopback port (optionally behind htpasswd) and pushes
 * images to it over the distribution API; {@link io.everynode.testkit.images.RegistryProxy} stands
 * in front of one to demand Bearer tokens or to tamper with blobs. Used by one test thread each.
 */
package io.everynode.testkit.images;
