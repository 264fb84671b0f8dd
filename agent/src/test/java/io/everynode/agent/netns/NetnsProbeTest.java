package io.everynode.agent.netns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetnsProbeTest {
    private static final String ROOT = "Name:\tjava\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n";
    private static final String USER = "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\n";

    @Test
    void aNonRootProcessIsToldItNeedsRoot() {
        Availability a = NetnsProbe.check(new RecordingIp(), USER, 42);
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("root").contains("1000");
        assertThat(a.warning())
                .contains(a.reason())
                .contains("share the host network")
                .contains("same port");
    }

    @Test
    void aMachineWithoutIpIsToldToInstallIproute2() {
        Availability a = NetnsProbe.check(null, ROOT, 42);
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("iproute2");
    }

    @Test
    void aProbeThatCannotMakeANamespaceReportsIpsMessageAndCleansUp() {
        RecordingIp ip = new RecordingIp()
                .answer("netns add en-chk-42", 1, "mount --make-shared /run/netns failed: Operation not permitted");
        Availability a = NetnsProbe.check(ip, ROOT, 42);
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("Operation not permitted");
        assertThat(ip.calls).contains("link delete enchk42h", "link delete enchk42b", "netns delete en-chk-42");
    }

    @Test
    void aProbeThatWorksAndLeavesNothingIsAvailable() {
        RecordingIp ip = new RecordingIp().answer("netns list", 0, "en-chk-421 (id: 3)");
        Availability a = NetnsProbe.check(ip, ROOT, 42);
        assertThat(a).isEqualTo(Availability.yes());
        assertThat(a.warning()).isEmpty();
        assertThat(ip.calls).startsWith("netns add en-chk-42", "link add enchk42b type bridge");
    }

    @Test
    void aProbeNamespaceThatWillNotGoAwayMakesItUnavailable() {
        RecordingIp ip = new RecordingIp().answer("netns list", 0, "en-chk-42");
        assertThat(NetnsProbe.check(ip, ROOT, 42).available()).isFalse();
    }

    @Test
    void theEffectiveUidIsTheSecondFieldOfTheUidLine() {
        assertThat(NetnsProbe.effectiveUid("Uid:\t1000\t0\t1000\t0\n")).isEqualTo(0);
        assertThat(NetnsProbe.effectiveUid("Name:\tx\n")).isNull();
    }
}
