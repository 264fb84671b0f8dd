package io.everynode.api.scheduling;

import static io.everynode.api.scheduling.Nodes.node;
import static io.everynode.api.scheduling.Nodes.req;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeSelectorsTest {
    private static final Node NODE = node("n1", "zone=a;disktype=ssd;cores=8", "");

    @ParameterizedTest(name = "[{index}] nodeSelector {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                   | true
            zone=a               | true
            zone=a;disktype=ssd  | true
            zone=b               | false
            gpu=true             | false
            """)
    void nodeSelectorNeedsEveryPairExactly(String selector, boolean expected) {
        assertThat(NodeSelectors.nodeSelectorMatches(Nodes.map(selector), NODE)).isEqualTo(expected);
    }

    /** Terms separated by '|'; requirements within a term by '&'; matchFields prefixed by 'F '. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '!', textBlock = """
            zone In a,b                                  ! true
            zone In b                                    ! false
            zone NotIn b                                 ! true
            gpu NotIn x                                  ! true
            zone NotIn a                                 ! false
            gpu Exists                                   ! false
            zone Exists                                  ! true
            gpu DoesNotExist                             ! true
            zone DoesNotExist                            ! false
            cores Gt 4                                   ! true
            cores Gt 8                                   ! false
            cores Lt 9                                   ! true
            cores Gt x                                   ! false
            cores Gt 4,5                                 ! false
            zone Gt 1                                    ! false
            zone Exists a                                ! false
            zone Bogus a                                 ! false
            zone In a & gpu Exists                       ! false
            zone In b | disktype In ssd                  ! true
            zone Bogus a | zone In a                     ! true
            F metadata.name In n1                        ! true
            F metadata.name In n2                        ! false
            F metadata.name NotIn n2                     ! true
            F metadata.name In n1,n2                     ! false
            F metadata.name Exists                       ! false
            F metadata.uid In n1                         ! false
            F metadata.name In n1 & zone In a            ! true
            <empty-term>                                 ! false
            <empty-term> | zone In a                     ! true
            <no-terms>                                   ! false
            """)
    void requiredAffinityTermsAreOredAndRequirementsAnded(String spec, boolean expected) {
        assertThat(NodeSelectors.requiredAffinityMatches(selector(spec), NODE)).isEqualTo(expected);
    }

    @Test
    void noRequiredAffinityIsNoConstraint() {
        assertThat(NodeSelectors.requiredAffinityMatches(null, NODE)).isTrue();
    }

    static NodeSelector selector(String spec) {
        if (spec.equals("<no-terms>")) {
            return new NodeSelector(List.of());
        }
        List<NodeSelectorTerm> terms = new ArrayList<>();
        for (String term : spec.split("\\|")) {
            NodeSelectorTerm t = new NodeSelectorTerm();
            if (!term.trim().equals("<empty-term>")) {
                for (String r : term.split("&")) {
                    String rr = r.trim();
                    if (rr.startsWith("F ")) {
                        t.getMatchFields().add(req(rr.substring(2)));
                    } else {
                        t.getMatchExpressions().add(req(rr));
                    }
                }
            }
            terms.add(t);
        }
        return new NodeSelector(terms);
    }
}
