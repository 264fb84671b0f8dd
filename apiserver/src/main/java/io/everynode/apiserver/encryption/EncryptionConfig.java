package io.everynode.apiserver.encryption;

import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.StorageKeys;
import io.everynode.store.KeyValue;
import io.everynode.store.Store;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An EncryptionConfiguration in force: for each stored resource, the providers its values are
 * written and read with. A resource no rule names is stored as it is (identity), as upstream.
 */
public final class EncryptionConfig implements ValueTransformer {
    private static final List<Provider> IDENTITY = List.of(new IdentityProvider());

    /**
     * One entry of {@code resources}: what it names ({@code secrets}, {@code deployments.apps},
     * {@code *.apps}, {@code *.} for the core group, {@code *.*}) and its providers, the writer
     * first.
     */
    record Rule(List<String> resources, List<Provider> providers) {
        Rule {
            resources = List.copyOf(resources);
            providers = List.copyOf(providers);
        }

        boolean names(String group, String resource) {
            for (String r : resources) {
                int dot = r.indexOf('.');
                String res = dot < 0 ? r : r.substring(0, dot);
                String grp = dot < 0 ? "" : r.substring(dot + 1);
                boolean groupMatches = grp.equals("*") || grp.equals(group);
                if (groupMatches && (res.equals("*") || res.equals(resource))) return true;
            }
            return false;
        }
    }

    private final List<Rule> rules;
    /** The providers of each store bucket, looked up once: every read of the watch cache asks. */
    private final Map<String, List<Provider>> byBucket = new ConcurrentHashMap<>();

    EncryptionConfig(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** True when values of {@code group}/{@code resource} are written encrypted. */
    public boolean encrypts(String group, String resource) {
        return !(writer(providers(group, resource)) instanceof IdentityProvider);
    }

    /**
     * Reads every value in {@code store} as a read would, so that a key missing from the
     * configuration (or a wrong secret) stops a server at start, naming the object, rather than
     * failing its reads later.
     *
     * @throws EncryptionException for the first value no provider opens
     */
    public void checkReadable(Store store) {
        for (KeyValue kv : store.list(StorageKeys.ROOT, 0).items()) fromStorage(kv.key(), kv.value());
    }

    @Override
    public byte[] toStorage(String key, byte[] plain) {
        return writer(providersOf(key)).seal(plain, key);
    }

    @Override
    public Read fromStorage(String key, byte[] stored) {
        List<Provider> providers = providersOf(key);
        Provider p = reader(key, stored, providers);
        return new Read(p.open(stored, key), p != writer(providers));
    }

    /**
     * Same provider, new key: a value that authenticates its key (aesgcm) is opened and sealed
     * again; any other keeps its bytes.
     */
    @Override
    public byte[] moved(String from, String to, byte[] stored) {
        Provider p = reader(from, stored, providersOf(to));
        if (!p.bindsKey()) return stored;
        return p.seal(p.open(stored, from), to);
    }

    private static Provider reader(String key, byte[] stored, List<Provider> providers) {
        for (Provider p : providers) {
            if (p.reads(stored)) return p;
        }
        throw new EncryptionException("no provider of the encryption configuration reads the value of " + key
                + " (stored as " + storedAs(stored) + "; providers for it: " + providers
                + "): keep the key that wrote it in the configuration until every value is rewritten");
    }

    private static Provider writer(List<Provider> providers) {
        return providers.get(0);
    }

    private List<Provider> providersOf(String key) {
        String bucket = ResourceType.bucketOf(key);
        if (bucket == null) return IDENTITY;
        return byBucket.computeIfAbsent(bucket, b -> {
            StorageKeys.GroupResource gr = StorageKeys.resourceOf(b);
            return providers(gr.group(), gr.resource());
        });
    }

    private List<Provider> providers(String group, String resource) {
        Optional<Rule> rule =
                rules.stream().filter(r -> r.names(group, resource)).findFirst();
        return rule.map(Rule::providers).orElse(IDENTITY);
    }

    private static String storedAs(byte[] stored) {
        String head = new String(stored, 0, Math.min(stored.length, 64), java.nio.charset.StandardCharsets.US_ASCII);
        if (!head.startsWith(Provider.ENCRYPTED)) return "plain bytes";
        int end = head.indexOf(':', head.indexOf(":v1:") + 4);
        return end < 0 ? "an unknown prefix" : "\"" + head.substring(0, end + 1) + "\"";
    }
}
