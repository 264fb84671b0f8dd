package io.everynode.apiserver.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.api.resource.StorageKeys;
import io.everynode.apiserver.encryption.EncryptionConfig;
import io.everynode.apiserver.encryption.EncryptionConfigReader;
import io.everynode.apiserver.encryption.EncryptionException;
import io.everynode.apiserver.encryption.ValueTransformer;
import io.everynode.store.KeyValue;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-time rewrite to upstream's keys, on the memory store and on SQLite. */
class StoreLayoutTest {
    /** Keys of the former layout and where upstream keeps them. */
    static final Map<String, String> MOVES = Map.of(
            "/registry/core/nodes/n1", "/registry/minions/n1",
            "/registry/apps/daemonsets/kube-system/agent", "/registry/daemonsets/kube-system/agent",
            "/registry/core/services/default/kubernetes", "/registry/services/specs/default/kubernetes",
            "/registry/core/endpoints/default/kubernetes", "/registry/services/endpoints/default/kubernetes",
            "/registry/coordination.k8s.io/leases/kube-node-lease/n1", "/registry/leases/kube-node-lease/n1",
            "/registry/networking.k8s.io/ingresses/default/web", "/registry/ingress/default/web");

    static final String CUSTOM = "/registry/example.everynode.io/widgets/default/w1";
    static final String CRD = "/registry/apiextensions.k8s.io/customresourcedefinitions/widgets.example.everynode.io";

    @TempDir
    Path dir;

    private Store store;

    @AfterEach
    void close() {
        if (store != null) store.close();
    }

    private Store open(String kind) {
        store = Stores.open(kind.equals("sqlite") ? StoreConfig.sqlite(dir) : StoreConfig.memory(), Clock.systemUTC());
        return store;
    }

    private static byte[] value(String key) {
        return ("{\"metadata\":{\"uid\":\"uid-of-" + key + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aStoreOfTheFormerLayoutMovesToUpstreamsKeysWithItsValuesUnchanged(String kind) {
        Store s = open(kind);
        for (String from : MOVES.keySet()) s.create(from, value(from));
        s.create(CUSTOM, value(CUSTOM));
        s.create(CRD, value(CRD));
        s.create("/registry/metrics.k8s.io/nodeusages/n1", value("usage"));

        int moved = new StoreLayout(s, ValueTransformer.NONE).ensure();

        assertThat(moved).isEqualTo(MOVES.size());
        for (Map.Entry<String, String> m : MOVES.entrySet()) {
            assertThat(s.get(m.getValue()).orElseThrow().value()).isEqualTo(value(m.getKey()));
        }
        assertThat(keys(s)).containsExactlyInAnyOrderElementsOf(concat(MOVES.values(), List.of(CUSTOM, CRD)));
        assertThat(text(s.get(StoreLayout.MARKER).orElseThrow().value())).isEqualTo(StoreLayout.VERSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aRewriteThatStoppedHalfWayFinishesOnTheNextStart(String kind) {
        Store s = open(kind);
        for (String from : MOVES.keySet()) s.create(from, value(from));
        // a server crashed after moving the nodes and creating (not yet deleting) the DaemonSet's new key
        s.create("/registry/minions/n1", value("/registry/core/nodes/n1"));
        s.delete("/registry/core/nodes/n1", 0);
        s.create("/registry/daemonsets/kube-system/agent", value("/registry/apps/daemonsets/kube-system/agent"));

        int moved = new StoreLayout(s, ValueTransformer.NONE).ensure();

        assertThat(moved).isEqualTo(MOVES.size() - 2);
        assertThat(keys(s)).containsExactlyInAnyOrderElementsOf(MOVES.values());
        for (Map.Entry<String, String> m : MOVES.entrySet()) {
            assertThat(s.get(m.getValue()).orElseThrow().value()).isEqualTo(value(m.getKey()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aStoreMarkedDoneIsNotListedAgain(String kind) {
        Store s = open(kind);
        new StoreLayout(s, ValueTransformer.NONE).ensure();
        s.create("/registry/core/nodes/late", value("late"));
        long revision = s.currentRevision();

        assertThat(new StoreLayout(s, ValueTransformer.NONE).ensure()).isZero();

        assertThat(s.currentRevision()).isEqualTo(revision);
        assertThat(s.get("/registry/core/nodes/late")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aServerThatLostTheRaceTakesItsCreateBackSoADeletedObjectStaysDeleted(String kind) {
        Store s = open(kind);
        s.create("/registry/core/nodes/n1", value("n1"));
        StoreLayout slow = new StoreLayout(s, ValueTransformer.NONE);
        List<StoreLayout.Move> listedBeforeTheOtherMoved =
                slow.plan(s.list(StorageKeys.ROOT, 0).items());
        new StoreLayout(s, ValueTransformer.NONE).ensure(); // the other server moves it and serves it
        s.delete("/registry/minions/n1", 0); // a client deletes the node

        for (StoreLayout.Move m : listedBeforeTheOtherMoved)
            assertThat(slow.apply(m)).isFalse();

        assertThat(s.get("/registry/minions/n1")).isEmpty();
        assertThat(s.get("/registry/core/nodes/n1")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void anEncryptedSecretIsSealedAgainUnderItsNewKeyAndAPlainValueKeepsItsBytes(String kind) {
        Store s = open(kind);
        var atRest = encryption("secrets");
        // as the former layout sealed it: the same key, its old store key as authenticated data
        // (the rule names the bucket "/registry/core/", which is what an old key now lies in)
        var former = encryption("core");
        byte[] plain = value("db");
        byte[] sealed = former.toStorage("/registry/core/secrets/default/db", plain);
        assertThatThrownBy(() -> atRest.fromStorage("/registry/secrets/default/db", sealed))
                .as("an aesgcm value authenticates the key it was written under")
                .isInstanceOf(EncryptionException.class);
        s.create("/registry/core/secrets/default/db", sealed);
        s.create("/registry/core/configmaps/default/settings", plain);

        new StoreLayout(s, atRest).ensure();

        KeyValue secret = s.get("/registry/secrets/default/db").orElseThrow();
        assertThat(text(secret.value())).startsWith("k8s:enc:aesgcm:v1:key1:").doesNotContain("uid-of-db");
        assertThat(atRest.fromStorage("/registry/secrets/default/db", secret.value())
                        .value())
                .isEqualTo(plain);
        assertThat(s.get("/registry/configmaps/default/settings").orElseThrow().value())
                .isEqualTo(plain);
        atRest.checkReadable(s);
    }

    private static EncryptionConfig encryption(String resource) {
        return new EncryptionConfigReader(new SecureRandom())
                .parse(("apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\n"
                                + "resources:\n- resources: [" + resource + "]\n  providers:\n"
                                + "  - aesgcm: {keys: [{name: key1, secret: \"" + secret() + "\"}]}\n")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static String secret() {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) 7);
        return Base64.getEncoder().encodeToString(k);
    }

    private static List<String> keys(Store s) {
        return s.list(StorageKeys.ROOT, 0).items().stream().map(KeyValue::key).toList();
    }

    private static List<String> concat(java.util.Collection<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
