package io.everynode.agent;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where the agent module's classes were loaded from (the everynode jar, or a classes directory in
 * a build): the class path of the JVMs the agent starts from its own code, the demo agent's
 * entrypoint and the log relay inside a node's network namespace.
 */
public final class AgentJar {
    private AgentJar() {}

    /** The jar or classes directory of this module; the JVM's class path when it cannot be told. */
    public static String classPath() {
        try {
            return Path.of(AgentJar.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException | RuntimeException e) {
            return System.getProperty("java.class.path");
        }
    }
}
