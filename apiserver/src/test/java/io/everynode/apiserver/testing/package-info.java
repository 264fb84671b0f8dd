/**
 * Test support of the API server's tests: a real server on a real store and loopback HTTP
 * ({@code TestServer}), plain HTTP calls to set up and inspect state ({@code RawApi}), the world
 * controllers and kubelets would make ({@code World}), and the guide's YAML blocks
 * ({@code GuideManifests}).
 *
 * <p>Threading: used from the test's thread; a {@code TestServer} is closed by the test that opened it.
 */
package io.everynode.apiserver.testing;
