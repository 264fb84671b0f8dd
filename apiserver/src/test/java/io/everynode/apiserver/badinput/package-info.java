/**
 * Tests that every rejected request answers an upstream-style {@code Status} with field paths and
 * writes nothing: malformed and invalid bodies, DaemonSet validation (R6) and priority admission
 * (R8.2, R8.3), the rules of the other built-in kinds (Secrets, Services, ServiceAccount
 * admission, disruption budgets, workloads), over real HTTP against a real server.
 *
 * <p>Threading: JUnit's thread; one server per test class.
 */
package io.everynode.apiserver.badinput;
