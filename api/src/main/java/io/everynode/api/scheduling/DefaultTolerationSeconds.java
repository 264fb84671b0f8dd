package io.everynode.api.scheduling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The DefaultTolerationSeconds admission plugin (R10.4): a pod that does not already tolerate
 * node.kubernetes.io/not-ready (resp. unreachable) with effect NoExecute gets an Exists toleration
 * for it with tolerationSeconds 300, so ordinary pods leave a lost node after five minutes while
 * daemon pods (R1.9: second-less tolerations) stay. Like upstream, "already tolerates" looks only
 * at the key (equal, or empty) and the effect (NoExecute, or empty).
 */
public final class DefaultTolerationSeconds {
    public static final long DEFAULT_SECONDS = 300;

    private DefaultTolerationSeconds() {}

    /** A copy of the pod with the default tolerations added where missing (the pod itself when none is); the input is never changed. */
    public static Pod addDefaultTolerations(Pod pod) {
        List<Toleration> existing = pod.getSpec() == null || pod.getSpec().getTolerations() == null
                ? List.of()
                : pod.getSpec().getTolerations();
        List<Toleration> out = new ArrayList<>(existing);
        for (String key : List.of(DaemonTolerations.NOT_READY, DaemonTolerations.UNREACHABLE)) {
            if (!coversKey(existing, key)) {
                out.add(new TolerationBuilder()
                        .withKey(key)
                        .withOperator("Exists")
                        .withEffect(Tolerations.NO_EXECUTE)
                        .withTolerationSeconds(DEFAULT_SECONDS)
                        .build());
            }
        }
        if (out.size() == existing.size()) {
            return pod;
        }
        return new PodBuilder(pod)
                .editOrNewSpec()
                .withTolerations(out)
                .endSpec()
                .build();
    }

    private static boolean coversKey(List<Toleration> tolerations, String key) {
        for (Toleration t : tolerations) {
            boolean keyMatches =
                    t.getKey() == null || t.getKey().isEmpty() || t.getKey().equals(key);
            boolean effectMatches = t.getEffect() == null
                    || t.getEffect().isEmpty()
                    || t.getEffect().equals(Tolerations.NO_EXECUTE);
            if (keyMatches && effectMatches) {
                return true;
            }
        }
        return false;
    }
}
