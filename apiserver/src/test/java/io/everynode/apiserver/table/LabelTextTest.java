package io.everynode.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelTextTest {

    @Test
    void labelsAreSortedByKeyOrNone() {
        assertThat(LabelText.labels(Map.of("b", "2", "a", "1"))).isEqualTo("a=1,b=2");
        assertThat(LabelText.labels(Map.of())).isEqualTo("<none>");
        assertThat(LabelText.labels(null)).isEqualTo("<none>");
    }

    @Test
    void selectorsPrintEveryOperatorSortedByKey() {
        LabelSelector s = new LabelSelectorBuilder()
                .addToMatchLabels("tier", "node")
                .addNewMatchExpression()
                .withKey("zone")
                .withOperator("In")
                .withValues("b", "a")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("env")
                .withOperator("NotIn")
                .withValues("dev")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("gpu")
                .withOperator("Exists")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("arm")
                .withOperator("DoesNotExist")
                .endMatchExpression()
                .build();
        assertThat(LabelText.selector(s)).isEqualTo("!arm,env notin (dev),gpu,tier=node,zone in (a,b)");
    }

    @Test
    void emptyOrMissingSelectorsAreNoneAndInvalidOnesAreError() {
        assertThat(LabelText.selector(null)).isEqualTo("<none>");
        assertThat(LabelText.selector(new LabelSelector())).isEqualTo("<none>");
        assertThat(LabelText.selector(new LabelSelectorBuilder()
                        .addNewMatchExpression()
                        .withKey("k")
                        .withOperator("In")
                        .withValues(List.of())
                        .endMatchExpression()
                        .build()))
                .isEqualTo("<error>");
        assertThat(LabelText.selector(new LabelSelectorBuilder()
                        .addNewMatchExpression()
                        .withKey("k")
                        .withOperator("Gt")
                        .withValues("1")
                        .endMatchExpression()
                        .build()))
                .isEqualTo("<error>");
    }
}
