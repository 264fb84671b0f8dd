package io.everynode.api.validation;

import static io.everynode.api.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeValidationTest {

    /** Taints "key=value:effect;..." */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            dedicated=gpu:NoSchedule                          | ''
            dedicated=gpu:NoSchedule;dedicated=gpu:NoExecute  | ''
            dedicated=gpu:Sometimes                           | spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"
            dedicated=gpu:                                    | spec.taints[0].effect: Required value
            a=1:NoSchedule;a=2:NoSchedule                     | spec.taints[1]: Duplicate value: {"effect":"NoSchedule","key":"a","value":"2"}: taints must be unique by key and effect pair
            =x:NoSchedule                                     | spec.taints[0].key: Invalid value: "": name part must be non-empty
            """)
    void taintsAreValidated(String taints, String expected) {
        List<Taint> list = new ArrayList<>();
        for (String t : taints.split(";")) {
            String[] kvE = t.split(":", -1);
            String[] kv = kvE[0].split("=", 2);
            list.add(new Taint(kvE[1].isEmpty() ? null : kvE[1], kv[0], null, kv[1]));
        }
        Node node = new NodeBuilder()
                .withNewMetadata()
                .withName("n1")
                .endMetadata()
                .withNewSpec()
                .withTaints(list)
                .endSpec()
                .build();
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected);
        assertThat(messages(NodeValidation.validateCreate(node))).containsExactlyElementsOf(want);
    }
}
