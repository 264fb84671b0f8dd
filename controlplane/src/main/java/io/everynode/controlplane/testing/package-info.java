/**
 * Test support over {@link io.everynode.controlplane.ControlPlane}: the JUnit 5 extension the
 * client, controller, agent and e2e suites can register instead of assembling a server.
 */
package io.everynode.controlplane.testing;
