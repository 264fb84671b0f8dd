package io.everynode.agent.endpointauth;

import java.util.List;

/** Who calls a node agent's endpoint, as its verified client certificate names it: CN the user, each O a group. */
public record Caller(String user, List<String> groups) {
    public Caller {
        groups = List.copyOf(groups);
    }
}
