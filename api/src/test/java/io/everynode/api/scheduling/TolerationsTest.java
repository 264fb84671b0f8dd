package io.everynode.api.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Taint;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TolerationsTest {

    /** Toleration DSL: "key=value:effect" (Equal) or "key?:effect" (Exists). */
    @ParameterizedTest(name = "[{index}] toleration {0} vs taint {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            dedicated=gpu:NoSchedule     | dedicated=gpu:NoSchedule  | true
            dedicated=gpu:               | dedicated=gpu:NoExecute   | true
            dedicated=cpu:NoSchedule     | dedicated=gpu:NoSchedule  | false
            dedicated=gpu:NoExecute      | dedicated=gpu:NoSchedule  | false
            dedicated?:NoSchedule        | dedicated=gpu:NoSchedule  | true
            ?:                           | anything=x:NoExecute      | true
            ?:NoSchedule                 | anything=x:NoExecute      | false
            other?:                      | dedicated=gpu:NoSchedule  | false
            dedicated=:NoSchedule        | dedicated:NoSchedule      | true
            dedicated=x:NoSchedule       | dedicated:NoSchedule      | false
            """)
    void tolerationMatchesTaint(String toleration, String taint, boolean expected) {
        assertThat(Tolerations.tolerates(
                        Nodes.tolerations(toleration).get(0),
                        Nodes.taints(taint).get(0)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] taints {0} tolerations {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                  | ''                     | ''
            a=1:PreferNoSchedule                | ''                     | ''
            a=1:NoSchedule                      | ''                     | a
            a=1:NoSchedule;b=2:NoExecute        | a?:                    | b
            a=1:NoSchedule;b=2:NoExecute        | a?:;b?:                | ''
            """)
    void untoleratedTaintNamesTheFirstBlockingTaint(String taints, String tolerations, String expectedKey) {
        Optional<Taint> t = Tolerations.untoleratedTaint(
                Nodes.taints(taints), Nodes.tolerations(tolerations), Set.of("NoSchedule", "NoExecute"));
        assertThat(t.map(Taint::getKey).orElse("")).isEqualTo(expectedKey);
    }
}
