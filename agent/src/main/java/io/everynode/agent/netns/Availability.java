package io.everynode.agent.netns;

/**
 * Whether this machine can give each node a network namespace of its own.
 *
 * @param available true when {@link NodeNetworks#create} is expected to work
 * @param reason empty when available; otherwise one sentence the caller prints as a warning
 *     (nodes then share the host network and pods on different nodes clash on ports)
 */
public record Availability(boolean available, String reason) {
    public static Availability yes() {
        return new Availability(true, "");
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }

    /** The line {@code up} prints when unavailable: the reason and what it means for pods. */
    public String warning() {
        return available
                ? ""
                : "no network namespace per node (" + reason + "): nodes share the host network, "
                        + "so pods on different nodes that listen on the same port clash";
    }
}
