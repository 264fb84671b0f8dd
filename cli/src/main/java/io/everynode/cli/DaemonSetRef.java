package io.everynode.cli;

import io.everynode.advisor.DaemonSetKind;

/**
 * How the read-only DaemonSet commands ({@code why}, {@code rollout status}) name their
 * DaemonSet, as kubectl does: {@code ds/NAME} and the other apps/v1 spellings, or the advanced
 * kind's {@code ads/NAME}, {@code daemon/NAME}, {@code daemonsets.apps.kruise.io/NAME}
 * ({@link DaemonSetKind#ofResource}); a bare {@code NAME} is apps/v1's.
 */
record DaemonSetRef(DaemonSetKind kind, String name) {
    /** The DaemonSet {@code TYPE/NAME} or a bare {@code NAME} names; null when it names something else or no name. */
    static DaemonSetRef of(String target) {
        int slash = target.indexOf('/');
        if (slash < 0) return target.isEmpty() ? null : new DaemonSetRef(DaemonSetKind.APPS, target);
        return of(target.substring(0, slash), target.substring(slash + 1));
    }

    /** The DaemonSet of a kubectl resource type and a name; null for another type or an empty name. */
    static DaemonSetRef of(String type, String name) {
        if (name == null || name.isEmpty()) return null;
        return DaemonSetKind.ofResource(type)
                .map(k -> new DaemonSetRef(k, name))
                .orElse(null);
    }
}
