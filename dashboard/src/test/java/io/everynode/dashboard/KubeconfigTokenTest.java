package io.everynode.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Signing in with a kubeconfig: its current context's token, a client certificate to sign in, or why neither and where. */
class KubeconfigTokenTest {
    /** The table's "token" for a user the dashboard signs in by its client certificate. */
    private static final String CERTIFICATE = "(client certificate)";

    private static final String CLUSTERS = """
            clusters:
            - name: c
              cluster: {server: "https://127.0.0.1:6443"}
            """;

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("the current context's user token", CLUSTERS + """
                                current-context: viewer
                                contexts:
                                - {name: admin, context: {cluster: c, user: admin}}
                                - {name: viewer, context: {cluster: c, user: viewer}}
                                users:
                                - {name: admin, user: {token: admin-token}}
                                - {name: viewer, user: {token: viewer-token}}
                                """, "viewer-token", null),
                Arguments.of("a client certificate instead of a token", CLUSTERS + """
                                current-context: admin
                                contexts:
                                - {name: admin, context: {cluster: c, user: admin}}
                                users:
                                - {name: admin, user: {client-certificate-data: AAAA, client-key-data: BBBB}}
                                """, CERTIFICATE, null),
                Arguments.of(
                        "certificate files, which cannot reach the server",
                        CLUSTERS + """
                                current-context: admin
                                contexts:
                                - {name: admin, context: {cluster: c, user: admin}}
                                users:
                                - {name: admin, user: {client-certificate: admin.crt, client-key: admin.key}}
                                """,
                        null,
                        "users[admin].user.client-certificate-data"),
                Arguments.of("no current context", CLUSTERS + "contexts: []\n", null, "current-context"),
                Arguments.of(
                        "a current context that is not listed",
                        CLUSTERS + "current-context: gone\ncontexts: []\n",
                        null,
                        "contexts"),
                Arguments.of("a context whose user is not listed", CLUSTERS + """
                                current-context: a
                                contexts:
                                - {name: a, context: {cluster: c, user: nobody}}
                                users: []
                                """, null, "users"),
                Arguments.of("not YAML at all", "{{{:", null, "kubeconfig"),
                Arguments.of("a YAML list", "- a\n- b\n", null, "kubeconfig"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void theTokenOrTheFieldAtFault(String what, String kubeconfig, String token, String field) {
        KubeconfigToken.Result r = KubeconfigToken.of(kubeconfig.getBytes(StandardCharsets.UTF_8));

        assertThat(r.usesCertificate()).isEqualTo(CERTIFICATE.equals(token));
        assertThat(r.token()).isEqualTo(CERTIFICATE.equals(token) ? null : token);
        assertThat(r.field()).isEqualTo(field);
        if (token == null) assertThat(r.problem()).isNotBlank();
    }
}
