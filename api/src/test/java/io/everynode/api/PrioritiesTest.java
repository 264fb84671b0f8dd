package io.everynode.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrioritiesTest {

    @ParameterizedTest(name = "[{index}] priority={0} annotation={1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ''          | ''                                 | false
            0           | ''                                 | false
            1999999999  | ''                                 | false
            2000000000  | ''                                 | true
            2000001000  | ''                                 | true
            ''          | kubernetes.io/config.source=file   | true
            ''          | kubernetes.io/config.source=api    | false
            ''          | kubernetes.io/config.mirror=abc    | true
            """)
    void criticalPodsFollowR9_2(String priority, String annotation, boolean critical) {
        PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withName("p")
                .endMetadata()
                .withNewSpec()
                .endSpec();
        Pod pod = b.build();
        if (!priority.isEmpty()) {
            pod.getSpec().setPriority(Integer.parseInt(priority));
        }
        if (!annotation.isEmpty()) {
            String[] kv = annotation.split("=");
            pod.getMetadata().setAnnotations(Map.of(kv[0], kv[1]));
        }
        assertThat(Priorities.isCritical(pod)).isEqualTo(critical);
    }

    @Test
    void builtInClassesCarryR8_1Values() {
        assertThat(Priorities.builtInClasses())
                .extracting(PriorityClass::getValue)
                .containsExactly(2000001000, 2000000000);
        assertThat(Priorities.builtInClasses()).allMatch(pc -> !pc.getGlobalDefault());
    }
}
