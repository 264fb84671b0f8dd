package io.everynode.dashboard.fleet;

/**
 * What one node's cell of a DaemonSet's grid shows, and its colour. The browser colours cells by
 * {@link #code()} with the colours sent in the legend, so this enum is the one place they are set.
 */
public enum CellState {
    /** A daemon pod of the current revision runs and is ready. */
    UPDATED_READY("updated", "updated and ready", "#2e9d4a"),
    /** A ready daemon pod of an older revision: the rollout has not reached this node yet. */
    OLD_REVISION("old", "old revision", "#4a7fd4"),
    /** A daemon pod that is not ready (starting, pending, readiness failing). */
    NOT_READY("not-ready", "not ready", "#f2b01e"),
    /** A container of the daemon pod exits and the kubelet restarts it with back-off. */
    CRASH_LOOPING("crash-loop", "crash-looping", "#d8342c"),
    /** The node should run a daemon pod (R1) and has none. */
    MISSING("missing", "missing where it should run", "#8e3bb5"),
    /** The node is not meant to run the pod (selector, affinity, taint, nodeName: R1.2–R1.6). */
    NOT_MEANT_TO_RUN("not-meant", "not meant to run", "#d5d9de");

    private final String code;
    private final String label;
    private final String colour;

    CellState(String code, String label, String colour) {
        this.code = code;
        this.label = label;
        this.colour = colour;
    }

    /** The short key the browser receives. */
    public String code() {
        return code;
    }

    /** The legend's words. */
    public String label() {
        return label;
    }

    /** The cell's fill, as CSS. */
    public String colour() {
        return colour;
    }
}
