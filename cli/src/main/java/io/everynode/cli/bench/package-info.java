/**
 * The benchmarks behind {@code everynode bench api|daemonset|up}: whole scenarios in one process
 * that print throughput and latency figures (docs/benchmarks.md). Measurements, not tests: nothing
 * here asserts on time.
 *
 * <p>Threading: each benchmark drives its scenario from the calling thread (and, for the API
 * benchmark, writer threads of its own); the tallies are fed by informer handlers and kept in
 * concurrent maps, so the driving thread may read them at any time.
 */
package io.everynode.cli.bench;
