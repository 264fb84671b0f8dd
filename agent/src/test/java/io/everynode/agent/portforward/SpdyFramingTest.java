package io.everynode.agent.portforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Adler32;
import org.junit.jupiter.api.Test;

class SpdyFramingTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * The first four SYN_STREAMs kubectl 1.35 sent for two connections at once to remote port
     * 35271 (captured from a real session): error streams 1 and 3, then data streams 5 and 7,
     * their header blocks one zlib stream.
     */
    private static final String KUBECTL_SYN_STREAMS = "800300010000003f0000000100000000000078f9e3c6a7c202253a703a2b294a"
            + "4dcc851625aca9a0808614cb45a024cc6a6c6a640e4aa09c459078cc04a56f460300000000ffff"
            + "8003000100000013000000030000000000" + "00a248b721000000ffff"
            + "00000001" + "01000000"
            + "8003000100000018000000050000000000" + "00c2aa1b548c25126135000000ffff"
            + "8003000100000017000000070000000000" + "00826a26c20e2ce603000000ffff";

    @Test
    void theDictionaryIsTheSpecs1423BytesWithTheirAdler32() {
        byte[] d = SpdyDictionary.bytes();
        Adler32 sum = new Adler32();
        sum.update(d);
        assertThat(d).hasSize(1423);
        assertThat(sum.getValue()).isEqualTo(0xe3c6a7c2L);
        assertThat(new String(d, 0, 11, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("\0\0\0\7options");
    }

    @Test
    void kubectlsStreamsDecodeWithTheirTypePortAndRequestId() {
        List<SpdyFrame> frames = new SpdyFrameReader().feed(ByteBuffer.wrap(HEX.parseHex(KUBECTL_SYN_STREAMS)));
        assertThat(frames).hasSize(5);
        assertThat(frames.get(0))
                .isEqualTo(new SpdyFrame.SynStream(
                        1, 0, 0, false, false, headers("streamtype", "error", "port", "35271", "requestid", "0")));
        assertThat(frames.get(1))
                .isEqualTo(new SpdyFrame.SynStream(
                        3, 0, 0, false, false, headers("streamtype", "error", "port", "35271", "requestid", "1")));
        assertThat(frames.get(2)).isInstanceOfSatisfying(SpdyFrame.Data.class, d -> {
            assertThat(d.streamId()).isEqualTo(1);
            assertThat(d.fin()).isTrue();
            assertThat(d.payload()).isEmpty();
        });
        assertThat(((SpdyFrame.SynStream) frames.get(3)).headers())
                .isEqualTo(headers("streamtype", "data", "port", "35271", "requestid", "0"));
        assertThat(((SpdyFrame.SynStream) frames.get(4)).headers())
                .containsEntry("streamtype", "data")
                .containsEntry("requestid", "1");
    }

    /** Go's framer writes a frame field by field, each a WebSocket message of its own. */
    @Test
    void framesCutIntoPiecesOfAnySizeDecodeTheSame() {
        byte[] all = HEX.parseHex(KUBECTL_SYN_STREAMS);
        for (int piece : new int[] {1, 2, 3, 4, 7, 13}) {
            SpdyFrameReader reader = new SpdyFrameReader();
            List<SpdyFrame> frames = new ArrayList<>();
            for (int i = 0; i < all.length; i += piece)
                frames.addAll(reader.feed(ByteBuffer.wrap(all, i, Math.min(piece, all.length - i))));
            assertThat(frames).as("pieces of %d", piece).hasSize(5);
            assertThat(((SpdyFrame.SynStream) frames.get(4)).headers())
                    .isEqualTo(headers("streamtype", "data", "port", "35271", "requestid", "1"));
        }
    }

    @Test
    void controlFramesHaveTheSpecsLayout() {
        SpdyFrameWriter w = new SpdyFrameWriter();
        assertThat(HEX.formatHex(w.encode(new SpdyFrame.RstStream(5, SpdyFrame.CANCEL))))
                .isEqualTo("80030003" + "00000008" + "00000005" + "00000005");
        assertThat(HEX.formatHex(w.encode(new SpdyFrame.Ping(7)))).isEqualTo("80030006" + "00000004" + "00000007");
        assertThat(HEX.formatHex(w.encode(new SpdyFrame.GoAway(3, 0))))
                .isEqualTo("80030007" + "00000008" + "00000003" + "00000000");
        assertThat(HEX.formatHex(w.encode(new SpdyFrame.WindowUpdate(1, 65536))))
                .isEqualTo("80030009" + "00000008" + "00000001" + "00010000");
    }

    @Test
    void dataFramesCarryTheStreamIdFinFlagAndLength() {
        SpdyFrameWriter w = new SpdyFrameWriter();
        assertThat(HEX.formatHex(w.encode(new SpdyFrame.Data(5, false, new byte[] {'h', 'i'}))))
                .isEqualTo("00000005" + "00000002" + "6869");
        assertThat(HEX.formatHex(w.encode(new SpdyFrame.Data(3, true, new byte[0]))))
                .isEqualTo("00000003" + "01000000");
    }

    @Test
    void everyFrameTheWriterEncodesTheReaderDecodesToTheSameFrame() {
        SpdyFrameWriter w = new SpdyFrameWriter();
        SpdyFrameReader r = new SpdyFrameReader();
        List<SpdyFrame> sent = List.of(
                new SpdyFrame.SynStream(1, 0, 3, false, false, headers("streamtype", "error", "port", "80")),
                new SpdyFrame.SynReply(1, false, Map.of()),
                new SpdyFrame.SynStream(3, 1, 0, true, true, headers("streamtype", "data", "requestid", "12")),
                new SpdyFrame.SynReply(3, true, headers("x-many", "a\0b")),
                new SpdyFrame.RstStream(3, SpdyFrame.PROTOCOL_ERROR),
                new SpdyFrame.Ping(9),
                new SpdyFrame.GoAway(3, 2),
                new SpdyFrame.WindowUpdate(0, 1000));
        List<SpdyFrame> received = new ArrayList<>();
        for (SpdyFrame f : sent) received.addAll(r.feed(ByteBuffer.wrap(w.encode(f))));
        assertThat(received).isEqualTo(sent);
        SpdyFrame.Data data =
                (SpdyFrame.Data) r.feed(ByteBuffer.wrap(w.encode(new SpdyFrame.Data(7, true, new byte[] {1, 2, 3}))))
                        .get(0);
        assertThat(data.streamId()).isEqualTo(7);
        assertThat(data.fin()).isTrue();
        assertThat(data.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void headerBlocksRoundTripThroughOneZlibStreamInOrder() {
        HeaderBlockWriter w = new HeaderBlockWriter();
        HeaderBlockReader r = new HeaderBlockReader();
        Map<String, String> first = headers("streamtype", "error", "port", "8080", "requestid", "0");
        Map<String, String> second = headers("streamtype", "data", "port", "8080", "requestid", "0");
        byte[] a = w.encode(first), b = w.encode(second);
        assertThat(a[0]).isEqualTo((byte) 0x78); // zlib, 32K window
        assertThat(a[1] & 0x20).as("FDICT").isNotZero();
        assertThat(HEX.formatHex(a, 2, 6)).isEqualTo("e3c6a7c2"); // the dictionary's Adler-32
        assertThat(HEX.formatHex(b)).endsWith("0000ffff"); // each block ends in a sync flush
        assertThat(r.decode(a)).isEqualTo(first);
        assertThat(r.decode(b)).isEqualTo(second);
    }

    @Test
    void anUncompressedBlockIsACountThenLengthPrefixedNamesAndValues() {
        assertThat(HEX.formatHex(HeaderBlockWriter.raw(headers("port", "80"))))
                .isEqualTo("00000001" + "00000004" + "706f7274" + "00000002" + "3830");
        assertThatThrownBy(() -> HeaderBlockReader.parse(HEX.parseHex("00000001" + "00000009" + "706f7274")))
                .isInstanceOf(SpdyProtocolException.class);
    }

    @Test
    void aControlFrameOfAnotherSpdyVersionIsAProtocolError() {
        assertThatThrownBy(() ->
                        new SpdyFrameReader().feed(ByteBuffer.wrap(HEX.parseHex("8002000600000004" + "00000001"))))
                .isInstanceOf(SpdyProtocolException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void framesThisSideDoesNotUseAreSkippedWhole() {
        List<SpdyFrame> frames = new SpdyFrameReader()
                .feed(ByteBuffer.wrap(HEX.parseHex(
                        "800300040000000c" + "00000001" + "00000007" + "00010000" + "800300060000000400000003")));
        assertThat(frames).containsExactly(new SpdyFrame.Ignored(SpdyFrame.SETTINGS, 12), new SpdyFrame.Ping(3));
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return m;
    }
}
