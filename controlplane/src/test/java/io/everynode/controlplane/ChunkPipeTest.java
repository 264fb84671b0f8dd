package io.everynode.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.apiserver.ApiResponse;
import io.everynode.client.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkPipeTest {

    @ParameterizedTest(name = "chunks {0} read as lines {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a\\n                | a",
                "ab,c\\nd,e\\n       | abc,de",
                "a\\nb\\n            | a,b",
                "a\\n\\nb\\n         | a,,b",
                "a\\nunterminated    | a,unterminated",
            })
    void chunksAreReassembledIntoLines(String chunks, String lines) throws Exception {
        ChunkPipe pipe = new ChunkPipe(null);
        ApiResponse.Stream w = pipe.serverEnd();
        for (String c : chunks.split(",")) w.write(c.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8));
        w.close();
        Transport.Lines r = pipe.clientEnd();
        List<String> got = new ArrayList<>();
        for (String l = r.next(); l != null; l = r.next()) got.add(l);
        assertThat(got).containsExactly(lines.split(",", -1));
    }

    @Test
    void closingTheClientEndInterruptsTheServingThreadAndRefusesLaterWrites() throws Exception {
        CountDownLatch forever = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Thread serving = new Thread(() -> {
            try {
                forever.await();
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
            }
        });
        serving.start();
        ChunkPipe pipe = new ChunkPipe(serving);
        pipe.clientEnd().close();
        assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> pipe.serverEnd().write("x\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aReaderWaitingForALineIsReleasedWhenTheClientCloses() throws Exception {
        ChunkPipe pipe = new ChunkPipe(null);
        Transport.Lines lines = pipe.clientEnd();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return lines.next();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        lines.close();
        assertThat(read.get(10, TimeUnit.SECONDS)).isNull();
    }
}
