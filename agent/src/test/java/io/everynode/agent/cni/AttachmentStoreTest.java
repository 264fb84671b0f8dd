package io.everynode.agent.cni;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.agent.container.PodNetwork.PortMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentStoreTest {
    @TempDir
    Path dir;

    @Test
    void anEntryReadsBackAsWrittenUntilRemoved() {
        AttachmentStore store = new AttachmentStore(dir.resolve("pods"));
        AttachmentStore.Entry e = new AttachmentStore.Entry(
                "uid-1",
                "default",
                "web",
                "cni-1a2b3c4d-0123456789ab",
                List.of(new PortMapping(8080, 80, "TCP", "")),
                Golden.json("bridge-result.json"));

        store.write(e);

        assertThat(new AttachmentStore(dir.resolve("pods")).read("uid-1")).isEqualTo(e);
        assertThat(store.podUids()).containsExactly("uid-1");
        store.remove("uid-1");
        assertThat(store.read("uid-1")).isNull();
        assertThat(store.podUids()).isEmpty();
    }

    @Test
    void aDamagedEntryReadsAsNoneSoTheNetworkIsMadeAgain() throws Exception {
        AttachmentStore store = new AttachmentStore(dir);
        Files.writeString(dir.resolve("uid-2.json"), "{not json");

        assertThat(store.read("uid-2")).isNull();
    }
}
