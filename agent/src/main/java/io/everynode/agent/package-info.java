/** The node agent: registration and heartbeats, pod sync loop, runtimes, probes, status, eviction, logs. */
package io.everynode.agent;
