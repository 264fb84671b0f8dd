package io.everynode.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R4.1 revision data and R4.2 hash. */
class RevisionDataTest {

    @ParameterizedTest(name = "FNV-1a 32 of \"{0}\" is {1}")
    @CsvSource({"'', 811c9dc5", "a, e40c292c", "foobar, bf9cf968"})
    void fnv1aMatchesTheReferenceVectors(String input, String hex) {
        int h = RevisionData.fnv1a(RevisionData.FNV_OFFSET, input.getBytes(StandardCharsets.UTF_8));
        assertThat(Integer.toHexString(h)).isEqualTo(hex);
    }

    @Test
    void safeEncodingMapsEachDigitIntoTheVowelFreeAlphabet() {
        assertThat(RevisionData.safeEncode("0123456789")).isEqualTo("456789bcdf");
    }

    @Test
    void theHashIgnoresTheOrderMapsWereFilledIn() {
        DaemonSet a = Fixtures.daemonSet("ds");
        DaemonSet b = Fixtures.daemonSet("ds");
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("x", "1");
        ab.put("y", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("y", "2");
        ba.put("x", "1");
        a.getSpec().getTemplate().getMetadata().setAnnotations(ab);
        b.getSpec().getTemplate().getMetadata().setAnnotations(ba);
        assertThat(RevisionData.hash(a.getSpec().getTemplate(), null))
                .isEqualTo(RevisionData.hash(b.getSpec().getTemplate(), null));
        assertThat(RevisionData.patchFor(a)).isEqualTo(RevisionData.patchFor(b));
    }

    @Test
    void theCollisionCountChangesTheHash() {
        PodTemplateSpec t = Fixtures.daemonSet("ds").getSpec().getTemplate();
        String none = RevisionData.hash(t, null);
        String zero = RevisionData.hash(t, 0);
        String one = RevisionData.hash(t, 1);
        assertThat(none).isNotEqualTo(zero);
        assertThat(zero).isNotEqualTo(one);
        assertThat(one).matches("[" + RevisionData.ALPHABET + "]+");
    }

    @Test
    void aTemplateChangeChangesTheHash() {
        DaemonSet ds = Fixtures.daemonSet("ds");
        String before = RevisionData.hash(ds.getSpec().getTemplate(), null);
        ds.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:2");
        assertThat(RevisionData.hash(ds.getSpec().getTemplate(), null)).isNotEqualTo(before);
    }

    @Test
    void revisionDataIsTheTemplateAsAReplacingPatch() {
        DaemonSet ds = Fixtures.daemonSet("ds");
        String json = new String(RevisionData.patchFor(ds), StandardCharsets.UTF_8);
        assertThat(json)
                .isEqualTo(
                        "{\"spec\":{\"template\":{\"$patch\":\"replace\","
                                + "\"metadata\":{\"labels\":{\"app\":\"ds\"}},"
                                + "\"spec\":{\"containers\":[{\"image\":\"agent:1\",\"name\":\"agent\",\"resources\":{}}],\"restartPolicy\":\"Always\"}}}}");
    }

    @Test
    void revisionDataWritesEmptyStructsAsGoDoesSoKubectlRecognisesTheCurrentTemplate() {
        DaemonSet ds = Fixtures.daemonSet("ds");
        ds.getSpec()
                .getTemplate()
                .getSpec()
                .setInitContainers(java.util.List.of(new io.fabric8.kubernetes.api.model.ContainerBuilder()
                        .withName("init")
                        .withImage("busybox")
                        .build()));
        ds.getSpec().getTemplate().setMetadata(null);
        String json = new String(RevisionData.patchFor(ds), StandardCharsets.UTF_8);
        assertThat(json)
                .isEqualTo(
                        "{\"spec\":{\"template\":{\"$patch\":\"replace\",\"metadata\":{},"
                                + "\"spec\":{\"containers\":[{\"image\":\"agent:1\",\"name\":\"agent\",\"resources\":{}}],"
                                + "\"initContainers\":[{\"image\":\"busybox\",\"name\":\"init\",\"resources\":{}}],\"restartPolicy\":\"Always\"}}}}");
    }

    @Test
    void storedDataMatchesWhateverItsKeyOrder() {
        DaemonSet ds = Fixtures.daemonSet("ds");
        Map<String, Object> data = RevisionData.asData(RevisionData.patchFor(ds));
        assertThat(RevisionData.matches(data, ds)).isTrue();
        ds.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:2");
        assertThat(RevisionData.matches(data, ds)).isFalse();
    }
}
