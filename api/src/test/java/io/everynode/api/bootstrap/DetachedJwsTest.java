package io.everynode.api.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DetachedJwsTest {
    private static final String KUBECONFIG = ClusterInfo.kubeconfig("https://127.0.0.1:6443", "CA".getBytes());

    @Test
    void theSignatureIsADetachedHs256JwsWithTheTokenIdAsKeyId() throws Exception {
        String sig = DetachedJws.sign(KUBECONFIG, "abcdef", "0123456789abcdef");
        String[] parts = sig.split("\\.", -1);
        assertThat(parts).hasSize(3);
        assertThat(parts[1]).isEmpty();
        assertThat(new String(new Base64URL(parts[0]).decode(), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"HS256\",\"kid\":\"abcdef\"}");

        // Re-attached, it is a JWS that nimbus parses and whose MAC is HMAC-SHA256 with the secret.
        Base64URL payload = Base64URL.encode(KUBECONFIG.getBytes(StandardCharsets.UTF_8));
        JWSObject jws = JWSObject.parse(parts[0] + "." + payload + "." + parts[2]);
        assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jws.getHeader().getKeyID()).isEqualTo("abcdef");
        assertThat(jws.getPayload().toString()).isEqualTo(KUBECONFIG);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("0123456789abcdef".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(jws.getSigningInput());
        assertThat(jws.getSignature().decode()).isEqualTo(expected);
    }

    @Test
    void verificationNeedsTheSameContentTokenAndSecret() {
        String sig = DetachedJws.sign(KUBECONFIG, "abcdef", "0123456789abcdef");
        assertThat(DetachedJws.verify(sig, KUBECONFIG, "abcdef", "0123456789abcdef"))
                .isTrue();
        assertThat(DetachedJws.verify(sig, KUBECONFIG + " ", "abcdef", "0123456789abcdef"))
                .isFalse();
        assertThat(DetachedJws.verify(sig, KUBECONFIG, "abcdef", "0123456789abcdeg"))
                .isFalse();
        assertThat(DetachedJws.verify(sig, KUBECONFIG, "zzzzzz", "0123456789abcdef"))
                .isFalse();
        assertThat(DetachedJws.verify("garbage", KUBECONFIG, "abcdef", "0123456789abcdef"))
                .isFalse();
    }

    @Test
    void theClusterInfoKubeconfigCarriesServerAndCaButNoCredentials() {
        String k = ClusterInfo.kubeconfig("https://10.0.0.1:6443", "-----BEGIN CERTIFICATE-----\n".getBytes());
        assertThat(k).contains("server: https://10.0.0.1:6443\n");
        assertThat(k).contains("certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n");
        assertThat(k).contains("users: null\n");
    }
}
