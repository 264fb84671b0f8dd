package io.everynode.controlplane;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.everynode.api.json.Json;
import io.everynode.store.KeyExistsException;
import io.everynode.store.KeyValue;
import io.everynode.store.Store;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The credentials every server of one cluster must share, by fingerprint: the cluster CA
 * certificate (agents pin it; it signs every client certificate) and the ServiceAccount public key
 * (it verifies every token). Two servers on one store with different ones would each refuse what
 * the other issued, so the first server to start records them in the store ({@link #KEY},
 * created only if absent) and every later one compares its own and refuses to start on a
 * difference (docs/ha.md "Three servers on three machines").
 *
 * @param caSha256 lower-case hex SHA-256 of the CA certificate's DER encoding
 * @param serviceAccountKeySha256 lower-case hex SHA-256 of the ServiceAccount public key's DER
 *     SubjectPublicKeyInfo
 */
public record ClusterIdentity(String caSha256, String serviceAccountKeySha256) {
    /** Where it is kept: outside {@code /registry/}, so no API resource lists it and the watch cache ignores it. */
    public static final String KEY = "/everynode/cluster-identity";

    /** The identity of a cluster with this CA certificate and ServiceAccount public key. */
    public static ClusterIdentity of(X509Certificate ca, PublicKey serviceAccountKey) {
        try {
            return new ClusterIdentity(sha256(ca.getEncoded()), sha256(serviceAccountKey.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the CA certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Records this identity in {@code store}, or checks it against the one recorded there.
     *
     * @throws Mismatch when the store holds another cluster's identity
     */
    public void claim(Store store) {
        Optional<KeyValue> recorded = store.get(KEY);
        if (recorded.isEmpty()) {
            try {
                store.create(KEY, json());
                return;
            } catch (KeyExistsException e) {
                // another server recorded it in the same instant: compare with that one
                recorded = store.get(KEY);
            }
        }
        ClusterIdentity theirs = parse(recorded.orElseThrow().value());
        if (!theirs.equals(this)) throw new Mismatch(this, theirs);
    }

    byte[] json() {
        var obj = Json.object();
        obj.put("caCertificateSha256", caSha256);
        obj.put("serviceAccountKeySha256", serviceAccountKeySha256);
        return obj.toString().getBytes(UTF_8);
    }

    static ClusterIdentity parse(byte[] json) {
        JsonNode node = Json.parse(json);
        return new ClusterIdentity(
                node.path("caCertificateSha256").asString(""),
                node.path("serviceAccountKeySha256").asString(""));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** This server's credentials are not those of the servers already on its store. */
    public static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Mismatch(ClusterIdentity ours, ClusterIdentity theirs) {
            super(message(ours, theirs));
        }

        private static String message(ClusterIdentity ours, ClusterIdentity theirs) {
            StringBuilder differs = new StringBuilder();
            if (!ours.caSha256.equals(theirs.caSha256)) {
                differs.append("its cluster CA certificate (pki/ca.crt) has SHA-256 ")
                        .append(ours.caSha256)
                        .append(", the store's cluster ")
                        .append(theirs.caSha256);
            }
            if (!ours.serviceAccountKeySha256.equals(theirs.serviceAccountKeySha256)) {
                if (differs.length() > 0) differs.append("; ");
                differs.append("its ServiceAccount public key (pki/sa.pub) has SHA-256 ")
                        .append(ours.serviceAccountKeySha256)
                        .append(", the store's cluster ")
                        .append(theirs.serviceAccountKeySha256);
            }
            return "this server's credentials are not those of the cluster whose store it was given: " + differs
                    + ". The servers would refuse each other's certificates and tokens. Stop this server, copy"
                    + " ca.crt, ca.key, sa.key and sa.pub from the pki directory of a server of that cluster into"
                    + " this server's DATA/pki (docs/ha.md, \"Three servers on three machines\"), and start it again";
        }
    }
}
