package io.everynode.advisor.lint;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;

/** The containers of a pod template with the field path of each ({@code spec.template.spec.containers[0]}). */
final class Containers {
    record At(Container container, String path, boolean init) {}

    private Containers() {}

    /** Init containers first (they run first), then the regular ones. */
    static List<At> all(PodSpec spec) {
        List<At> out = new ArrayList<>(list(spec.getInitContainers(), "initContainers", true));
        out.addAll(regular(spec));
        return out;
    }

    static List<At> regular(PodSpec spec) {
        return list(spec.getContainers(), "containers", false);
    }

    private static List<At> list(List<Container> cs, String field, boolean init) {
        List<At> out = new ArrayList<>();
        if (cs == null) return out;
        for (int i = 0; i < cs.size(); i++) {
            out.add(new At(cs.get(i), Workload.POD_SPEC + "." + field + "[" + i + "]", init));
        }
        return out;
    }
}
