package io.everynode.agent.probe;

/** The three probes of a container, named as the kubelet's events name them. */
public enum ProbeKind {
    LIVENESS("Liveness"),
    READINESS("Readiness"),
    STARTUP("Startup");

    private final String title;

    ProbeKind(String title) {
        this.title = title;
    }

    /** "Liveness", "Readiness" or "Startup", as in {@code Liveness probe failed: ...}. */
    public String title() {
        return title;
    }

    /** "liveness" or "startup", as in {@code Container web failed liveness probe, will be restarted}. */
    public String lower() {
        return title.toLowerCase(java.util.Locale.ROOT);
    }
}
