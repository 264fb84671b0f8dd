/**
 * A pod's QoS class (R9.1) and the resource arithmetic behind it and the scheduler's fit check:
 * cpu in millicores and memory in bytes, rounded up.
 *
 * <p>Threading: pure static functions; safe from any thread.
 */
package io.everynode.api.qos;
