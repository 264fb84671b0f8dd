package io.everynode.agent.cni;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodRangeChoiceTest {
    @TempDir
    Path dir;

    @Test
    void aNodeTakesItsPreferredSlashTwentyFourUnlessTheMachineRoutesIt() throws Exception {
        String id = Files.createDirectories(dir.resolve("node-1")).toString();
        String preferred = "10.244." + NetworkPlan.preferredOctet(id) + ".0/24";

        assertThat(PodRangeChoice.choose(id, List.of(), dir.resolve("claims"))).isEqualTo(preferred);

        Path claims = dir.resolve("claims-2");
        String moved = PodRangeChoice.choose(id, List.of(preferred), claims);
        assertThat(moved).isNotEqualTo(preferred).startsWith("10.244.");
    }

    @Test
    void twoNodesNeverClaimOneRangeEvenWhenTheyPreferIt() throws Exception {
        Path claims = dir.resolve("claims");
        String first = Files.createDirectories(dir.resolve("node-1")).toString();
        String second = Files.createDirectories(dir.resolve("node-2")).toString();
        String taken = PodRangeChoice.choose(first, List.of(), claims);
        // the second node prefers the first one's range: make it so by claiming it under its octet
        Files.writeString(claims.resolve("10.244." + NetworkPlan.preferredOctet(second) + ".0-24"), first);

        String mine = PodRangeChoice.choose(second, List.of(), claims);

        assertThat(mine).isNotEqualTo("10.244." + NetworkPlan.preferredOctet(second) + ".0/24");
        assertThat(mine).isNotEqualTo(taken);
        assertThat(Files.readString(claims.resolve(mine.replace('/', '-')))).isEqualTo(second);
    }

    @Test
    void aClaimWhoseOwnerDirectoryIsGoneIsTakenOver() throws Exception {
        Path claims = Files.createDirectories(dir.resolve("claims"));
        String id = Files.createDirectories(dir.resolve("node-1")).toString();
        String preferred = "10.244." + NetworkPlan.preferredOctet(id) + ".0/24";
        Files.writeString(
                claims.resolve(preferred.replace('/', '-')),
                dir.resolve("deleted-node").toString());

        assertThat(PodRangeChoice.choose(id, List.of(), claims)).isEqualTo(preferred);
    }

    @Test
    void releaseRemovesOnlyTheOwnersClaim() throws Exception {
        Path claims = dir.resolve("claims");
        String id = Files.createDirectories(dir.resolve("node-1")).toString();
        String range = PodRangeChoice.choose(id, List.of(), claims);

        PodRangeChoice.release(claims, range, "someone else");
        assertThat(claims.resolve(range.replace('/', '-'))).exists();
        PodRangeChoice.release(claims, range, id);
        assertThat(claims.resolve(range.replace('/', '-'))).doesNotExist();
    }
}
