package io.everynode.cli;

import java.util.Locale;
import java.util.Set;

/** How the read-only DaemonSet commands ({@code why}, {@code rollout status}) name their DaemonSet, as kubectl does. */
final class DaemonSetRef {
    /** The resource names kubectl accepts for a DaemonSet. */
    static final Set<String> KINDS = Set.of("ds", "daemonset", "daemonsets", "daemonset.apps", "daemonsets.apps");

    private DaemonSetRef() {}

    static boolean isDaemonSet(String type) {
        return KINDS.contains(type.toLowerCase(Locale.ROOT));
    }

    /** The name in {@code ds/NAME} (any of {@link #KINDS}) or a bare {@code NAME}; null when it names something else. */
    static String nameOf(String target) {
        int slash = target.indexOf('/');
        if (slash < 0) return target.isEmpty() ? null : target;
        String name = target.substring(slash + 1);
        return isDaemonSet(target.substring(0, slash)) && !name.isEmpty() ? name : null;
    }
}
