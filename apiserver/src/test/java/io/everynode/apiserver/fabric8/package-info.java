/**
 * Tests with the fabric8 client 8.0.0 (JDK HTTP client) against the real server, as Java users
 * drive a cluster.
 *
 * <p>Threading: JUnit's thread; watches deliver on the client's threads and are awaited.
 */
package io.everynode.apiserver.fabric8;
