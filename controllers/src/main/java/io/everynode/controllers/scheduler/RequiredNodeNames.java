package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The only nodes a pod's required node affinity can match, when it names them: every term has a
 * {@code matchFields} requirement {@code metadata.name In [...]} (R1.4; the form the DaemonSet
 * controller gives each daemon pod, R2.1). Terms are ORed, so the answer is the union of the
 * names. Any term without such a requirement could match a node by labels: no narrowing then.
 * This is upstream's NodeAffinity PreFilter result; it lets the scheduler look at one node
 * instead of every node for a daemon pod.
 */
final class RequiredNodeNames {
    private RequiredNodeNames() {}

    /** The names, sorted; empty when the pod may land on nodes not named. */
    static Optional<Set<String>> of(Pod pod) {
        if (pod.getSpec() == null
                || pod.getSpec().getAffinity() == null
                || pod.getSpec().getAffinity().getNodeAffinity() == null) {
            return Optional.empty();
        }
        NodeSelector required =
                pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        if (required == null
                || required.getNodeSelectorTerms() == null
                || required.getNodeSelectorTerms().isEmpty()) {
            return Optional.empty();
        }
        Set<String> names = new TreeSet<>();
        for (NodeSelectorTerm term : required.getNodeSelectorTerms()) {
            Set<String> inTerm = null;
            List<NodeSelectorRequirement> fields = term.getMatchFields();
            for (NodeSelectorRequirement r : fields == null ? List.<NodeSelectorRequirement>of() : fields) {
                if ("metadata.name".equals(r.getKey()) && "In".equals(r.getOperator()) && r.getValues() != null) {
                    Set<String> values = new TreeSet<>(r.getValues());
                    if (inTerm == null) inTerm = values;
                    else inTerm.retainAll(values); // two requirements in one term: both must hold
                }
            }
            if (inTerm == null) return Optional.empty();
            names.addAll(inTerm);
        }
        return Optional.of(names);
    }
}
