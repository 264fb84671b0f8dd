package io.everynode.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverTransportTest {
    private static final Transport.Request GET = new Transport.Request("GET", "/api/v1/nodes", null, null, null);

    /** A server at the transport seam: answers with a status, or cannot be reached. */
    private static final class Server implements Transport {
        final String name;
        int status = 200;
        IOException failure;
        final List<String> calls = new ArrayList<>();

        Server(String name) {
            this.name = name;
        }

        @Override
        public Response send(Request request) throws IOException {
            calls.add(request.path());
            if (failure != null) throw failure;
            return new Response(status, "application/json", name.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Streamed stream(Request request) throws IOException {
            calls.add(request.path());
            if (failure != null) throw failure;
            if (status >= 300)
                return new Streamed(new Response(status, null, name.getBytes(StandardCharsets.UTF_8)), null);
            return new Streamed(null, new Lines() {
                @Override
                public String next() {
                    return name;
                }

                @Override
                public void close() {}
            });
        }

        @Override
        public void close() {}
    }

    private final Server first = new Server("first");
    private final Server second = new Server("second");
    private final Server third = new Server("third");
    private final FailoverTransport transport = new FailoverTransport(List.of(first, second, third));

    private static String body(Transport.Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void callsGoToTheFirstServerWhileItAnswers() throws Exception {
        assertThat(body(transport.send(GET))).isEqualTo("first");
        assertThat(body(transport.send(GET))).isEqualTo("first");
        assertThat(second.calls).isEmpty();
    }

    @Test
    void aRefusedConnectionGoesToTheNextServerWhichThenStaysCurrent() throws Exception {
        first.failure = new ConnectException("Connection refused");

        assertThat(body(transport.send(GET))).isEqualTo("second");
        first.failure = null; // back, but the client sticks to the server that answered
        assertThat(body(transport.send(GET))).isEqualTo("second");

        assertThat(first.calls).hasSize(1);
        assertThat(transport.current()).isEqualTo(1);
    }

    @Test
    void aServerThatLostItsStoreAnswers5xxAndTheNextOneIsAsked() throws Exception {
        first.status = 503;
        second.status = 500;

        assertThat(body(transport.send(GET))).isEqualTo("third");
        assertThat(transport.current()).isEqualTo(2);
    }

    @Test
    void aClientErrorOrNotImplementedIsTheAnswerEveryServerWouldGive() throws Exception {
        first.status = 404;
        assertThat(transport.send(GET).status()).isEqualTo(404);
        first.status = 501;
        assertThat(transport.send(GET).status()).isEqualTo(501);

        assertThat(second.calls).isEmpty();
    }

    @Test
    void whenTheLastServerAlsoFailsTheClientGetsItsAnswerOrItsError() throws Exception {
        first.status = 503;
        second.status = 503;
        third.status = 504;
        assertThat(transport.send(GET).status()).isEqualTo(504);

        first.failure = new ConnectException("refused 1");
        second.failure = new ConnectException("refused 2");
        third.failure = new ConnectException("refused 3");
        assertThatThrownBy(() -> transport.send(GET)).hasMessage("refused 3");
    }

    @Test
    void theCallAfterAFailureOfEveryServerStartsWhereTheLastGoodOneWas() throws Exception {
        first.failure = new ConnectException("down");
        transport.send(GET); // second is current
        second.failure = new ConnectException("down");
        third.failure = new ConnectException("down");
        assertThatThrownBy(() -> transport.send(GET)).isInstanceOf(ConnectException.class);
        first.failure = null;
        second.failure = null;

        assertThat(body(transport.send(GET))).isEqualTo("second");
    }

    @Test
    void anInterruptedCallIsNotTriedElsewhere() {
        first.failure = new InterruptedIOException("interrupted");

        assertThatThrownBy(() -> transport.send(GET)).isInstanceOf(InterruptedIOException.class);
        assertThat(second.calls).isEmpty();
    }

    @Test
    void aWatchIsOpenedOnTheNextServerWhenTheCurrentOneIsDown() throws Exception {
        first.failure = new ConnectException("Connection refused");
        second.status = 503;

        try (Transport.Streamed s = transport.stream(GET)) {
            assertThat(s.failure()).isNull();
            assertThat(s.lines().next()).isEqualTo("third");
        }
        assertThat(transport.current()).isEqualTo(2);
    }
}
