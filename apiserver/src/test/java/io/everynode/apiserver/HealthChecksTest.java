package io.everynode.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthChecksTest {
    private final AtomicBoolean etcdUp = new AtomicBoolean(true);
    private final HealthChecks health = new HealthChecks(List.of(
            new HealthChecks.Check("ping", true, () -> {}), new HealthChecks.Check("etcd", false, () -> {
                if (!etcdUp.get())
                    throw new StoreUnavailableException("etcd (http://127.0.0.1:1) did not answer within 2s", null);
            })));

    @Test
    void aHealthyServerAnswersOkOnEveryEndpoint() {
        for (String path : List.of("/livez", "/readyz", "/healthz", "/readyz/etcd", "/livez/ping")) {
            Answer answer = get(path, Map.of());
            assertThat(answer.code).as(path).isEqualTo(200);
            assertThat(answer.body).as(path).isEqualTo("ok");
        }
    }

    @Test
    void verboseListsEveryCheckOfTheEndpoint() {
        assertThat(get("/readyz", Map.of("verbose", List.of(""))).body)
                .isEqualTo("[+]ping ok\n[+]etcd ok\nreadyz check passed\n");
        assertThat(get("/livez", Map.of("verbose", List.of(""))).body).isEqualTo("[+]ping ok\nlivez check passed\n");
    }

    @Test
    void withEtcdUnreachableReadyzFailsWithTheEtcdLineWhileLivezStaysOk() {
        etcdUp.set(false);

        Answer ready = get("/readyz", Map.of());
        assertThat(ready.code).isEqualTo(500);
        assertThat(ready.body).isEqualTo("[+]ping ok\n[-]etcd failed: reason withheld\nreadyz check failed\n");
        assertThat(get("/healthz", Map.of()).code).isEqualTo(500);
        Answer live = get("/livez", Map.of());
        assertThat(live.code).isEqualTo(200);
        assertThat(live.body).isEqualTo("ok");
    }

    @Test
    void theSingleCheckSaysWhyItFailed() {
        etcdUp.set(false);

        Answer one = get("/readyz/etcd", Map.of());

        assertThat(one.code).isEqualTo(500);
        assertThat(one.body).isEqualTo("internal server error: etcd (http://127.0.0.1:1) did not answer within 2s\n");
    }

    @Test
    void anExcludedCheckIsNotRunAndAnUnknownExclusionIsAWarning() {
        etcdUp.set(false);

        Answer answer = get("/readyz", Map.of("exclude", List.of("etcd", "kms"), "verbose", List.of("")));

        assertThat(answer.code).isEqualTo(200);
        assertThat(answer.body)
                .isEqualTo("[+]ping ok\nwarn: some health checks cannot be excluded: no matches for kms\n"
                        + "readyz check passed\n");
    }

    @Test
    void aCheckThatIsNotThereIsNotFoundAndTheStoreCheckIsNoPartOfLivez() {
        assertThat(get("/readyz/nosuch", Map.of()).code).isEqualTo(404);
        assertThat(get("/livez/etcd", Map.of()).code).isEqualTo(404);
        assertThat(health.serves("/readyzz")).isFalse();
        assertThat(health.serves("/version")).isFalse();
    }

    private Answer get(String path, Map<String, List<String>> query) {
        Answer answer = new Answer();
        health.answer(new ApiRequest("GET", path, query, Map.of(), new byte[0]), path, answer);
        return answer;
    }

    private static final class Answer implements ApiResponse {
        int code;
        String body;

        @Override
        public void send(int status, String contentType, byte[] bytes) {
            assertThat(contentType).isEqualTo("text/plain; charset=utf-8");
            code = status;
            body = new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public Stream stream(int status, String contentType) {
            throw new UnsupportedOperationException("health answers are whole bodies");
        }
    }
}
