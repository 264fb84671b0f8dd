package io.everynode.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which kind a kubectl resource name or a manifest's apiVersion and kind resolve to. */
class DaemonSetKindTest {
    @Test
    void theBareNamesAreAppsV1sAsKubectlPrefersTheAppsGroup() {
        for (String t : new String[] {"ds", "daemonset", "daemonsets", "daemonsets.apps", "DaemonSets.v1.apps"}) {
            assertThat(DaemonSetKind.ofResource(t)).as(t).contains(DaemonSetKind.APPS);
        }
    }

    @Test
    void theShortNamesAndTheKruiseGroupAreTheAdvancedKinds() {
        for (String t :
                new String[] {"ads", "daemon", "daemonsets.apps.kruise.io", "daemonset.v1alpha1.apps.kruise.io"}) {
            assertThat(DaemonSetKind.ofResource(t)).as(t).contains(DaemonSetKind.ADVANCED);
        }
    }

    @Test
    void everyShortNameTheServerAdvertisesResolvesToItsKind() {
        for (String t : io.everynode.api.resource.ResourceTypes.DAEMONSETS.shortNames()) {
            assertThat(DaemonSetKind.ofResource(t)).as(t).contains(DaemonSetKind.APPS);
        }
        for (String t : io.everynode.api.resource.ResourceTypes.ADVANCED_DAEMONSETS.shortNames()) {
            assertThat(DaemonSetKind.ofResource(t)).as(t).contains(DaemonSetKind.ADVANCED);
        }
        assertThat(DaemonSetKind.ofResource("daemonset.apps.kruise.io")).contains(DaemonSetKind.ADVANCED);
        assertThat(DaemonSetKind.ofResource("daemonset.v1.apps")).contains(DaemonSetKind.APPS);
    }

    @Test
    void otherResourcesAndManifestsAreNoDaemonSet() {
        assertThat(DaemonSetKind.ofResource("deploy")).isEmpty();
        assertThat(DaemonSetKind.ofResource("daemonsets.kruise.io")).isEmpty();
        assertThat(DaemonSetKind.ofManifest("apps/v1", "Deployment")).isEmpty();
        assertThat(DaemonSetKind.ofManifest("extensions/v1beta1", "DaemonSet")).isEmpty();
        assertThat(DaemonSetKind.ofManifest("apps.kruise.io/v1alpha1", "DaemonSet"))
                .contains(DaemonSetKind.ADVANCED);
        assertThat(DaemonSetKind.ofManifest("apps/v1", "DaemonSet")).contains(DaemonSetKind.APPS);
    }
}
