/**
 * Tests that every rejected request answers an upstream-style {@code Status} with field paths and
 * writes nothing: malformed and invalid bodies, DaemonSet validation (R6) and priority admission
 * (R8.2, R8.3), over real HTTP against a real server.
 *
 * <p>Threading: JUnit's thread; one server per test class.
 */
package io.everynode.apiserver.badinput;
