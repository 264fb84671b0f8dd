package io.everynode.controllers.endpoints;

import java.util.Comparator;

/**
 * One Service port as it reaches one pod: the Service port's name, protocol and appProtocol, and
 * the number its targetPort names on that pod.
 */
public record ResolvedPort(String name, int port, String protocol, String appProtocol) {
    /** The order ports take in an Endpoints subset or a slice: by name, then number, then protocol. */
    public static final Comparator<ResolvedPort> ORDER = Comparator.comparing(ResolvedPort::name)
            .thenComparingInt(ResolvedPort::port)
            .thenComparing(ResolvedPort::protocol);
}
