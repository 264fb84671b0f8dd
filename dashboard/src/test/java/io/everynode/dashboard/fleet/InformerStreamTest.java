package io.everynode.dashboard.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.client.KubeClient;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InformerStreamTest {
    /** Records lines and ends; fails a write when told to (the browser left). */
    private static final class Browser implements LiveStream.Sink {
        final List<String> lines = new ArrayList<>();
        int ends;
        boolean gone;

        @Override
        public void line(String json) throws IOException {
            if (gone) throw new IOException("broken pipe");
            lines.add(json);
        }

        @Override
        public void end() {
            ends++;
        }
    }

    /** A stream whose sync and news the test sets. */
    private static final class Scripted extends InformerStream {
        boolean synced = true;
        String news;
        int informersClosed;

        Scripted(Browser browser, int flushesPerPing) {
            super(KubeClient.http(URI.create("http://127.0.0.1:1")), browser, flushesPerPing, "ping");
        }

        @Override
        public void start() {}

        @Override
        protected boolean synced() {
            return synced;
        }

        @Override
        protected boolean sendNews() throws IOException {
            if (news == null) return false;
            line(news);
            news = null;
            return true;
        }

        @Override
        protected void closeInformers() {
            informersClosed++;
        }
    }

    @Test
    void aPingGoesOnlyAfterTheGivenNumberOfQuietFlushesAndNewsStartsTheCountAgain() {
        Browser browser = new Browser();
        Scripted stream = new Scripted(browser, 3);

        stream.flush();
        stream.flush();
        stream.news = "a";
        stream.flush();
        stream.flush();
        stream.flush();
        stream.flush();

        assertThat(browser.lines).containsExactly("a", "ping");
    }

    @Test
    void flushesBeforeTheInformersSyncedAreQuietEvenWithNewsWaiting() {
        Browser browser = new Browser();
        Scripted stream = new Scripted(browser, 2);
        stream.synced = false;
        stream.news = "a";

        stream.flush();
        stream.flush();
        stream.synced = true;
        stream.flush();

        assertThat(browser.lines).containsExactly("ping", "a");
    }

    @Test
    void aFailedWriteClosesTheStreamOnceAndNothingIsSentAfter() {
        Browser browser = new Browser();
        Scripted stream = new Scripted(browser, 1);
        browser.gone = true;
        stream.news = "a";

        stream.flush();
        browser.gone = false;
        stream.news = "b";
        stream.flush();
        stream.close();

        assertThat(stream.isClosed()).isTrue();
        assertThat(browser.lines).isEmpty();
        assertThat(browser.ends).isEqualTo(1);
        assertThat(stream.informersClosed).isEqualTo(1);
    }
}
