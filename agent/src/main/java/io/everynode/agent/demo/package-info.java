/**
 * The demo agent, shipped as the image {@code everynode/demo-agent:1}: a stand-in for a log
 * shipper or metrics exporter, serving {@code /healthz} and {@code /ready} and misbehaving on
 * request, so probes, restarts and limits can be shown on process nodes. {@code DemoImage}
 * registers it in a node's image directory.
 *
 * <p>Threading: {@code DemoAgent} runs in a JVM of its own (the container), serving HTTP on the
 * JDK's server with one timer thread; {@code DemoImage} is called by the thread that sets nodes up.
 */
package io.everynode.agent.demo;
