package io.everynode.api.qos;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QosClassesTest {

    /** Containers separated by '|'; each "requests/limits", resources "cpu=1,memory=1Gi". Prefix "init:" for init containers. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '!', textBlock = """
            /                                                     ! BestEffort
            cpu=0/                                                ! BestEffort
            ephemeral-storage=1Gi/                                ! BestEffort
            cpu=100m/                                             ! Burstable
            cpu=1,memory=1Gi/cpu=1,memory=1Gi                     ! Guaranteed
            cpu=1,memory=1Gi/cpu=2,memory=1Gi                     ! Burstable
            cpu=1/cpu=1,memory=1Gi                                ! Burstable
            /cpu=1,memory=1Gi                                     ! Burstable
            cpu=1,memory=1Gi/cpu=1,memory=1Gi | /                 ! Burstable
            cpu=1,memory=1Gi/cpu=1,memory=1Gi | cpu=500m,memory=1Gi/cpu=500m,memory=1Gi ! Guaranteed
            init:cpu=1,memory=1Gi/cpu=1,memory=1Gi | cpu=1,memory=1Gi/cpu=1,memory=1Gi ! Guaranteed
            init:cpu=1/ | cpu=1,memory=1Gi/cpu=1,memory=1Gi       ! Burstable
            """)
    void qosClassFollowsR9_1(String containers, String expected) {
        assertThat(QosClasses.of(pod(containers))).isEqualTo(expected);
    }

    static Pod pod(String spec) {
        List<Container> regular = new ArrayList<>();
        List<Container> init = new ArrayList<>();
        int i = 0;
        for (String c : spec.split("\\|")) {
            String s = c.trim();
            boolean isInit = s.startsWith("init:");
            if (isInit) {
                s = s.substring(5);
            }
            String[] rl = s.split("/", -1);
            Container container = new Container();
            container.setName("c" + i++);
            container.setResources(new ResourceRequirements(null, limitsOrRequests(rl[1]), limitsOrRequests(rl[0])));
            (isInit ? init : regular).add(container);
        }
        return new PodBuilder()
                .withNewSpec()
                .withContainers(regular)
                .withInitContainers(init)
                .endSpec()
                .build();
    }

    static Map<String, Quantity> limitsOrRequests(String s) {
        Map<String, Quantity> m = new HashMap<>();
        if (s.isBlank()) {
            return m;
        }
        for (String kv : s.split(",")) {
            String[] p = kv.split("=");
            m.put(p[0].trim(), new Quantity(p[1].trim()));
        }
        return m;
    }
}
