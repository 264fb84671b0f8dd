package io.everynode.cli;

import io.everynode.api.bootstrap.BootstrapToken;
import io.everynode.api.bootstrap.BootstrapTokenSecret;
import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code everynode token} does, on a client and a clock: create, list and delete the
 * bootstrap-token Secrets as kubeadm does (the join line's CA hash is pki's {@code CaHash}).
 */
final class BootstrapTokens {
    /** kubeadm's defaults. */
    static final Duration DEFAULT_TTL = Duration.ofHours(24);

    static final List<String> DEFAULT_USAGES = List.of("signing", "authentication");
    static final List<String> DEFAULT_GROUPS = List.of(BootstrapTokenSecret.KUBEADM_DEFAULT_GROUP);

    private final KubeClient client;
    private final Clock clock;
    private final SecureRandom random;

    BootstrapTokens(KubeClient client, Clock clock, SecureRandom random) {
        this.client = client;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Stores a token (a fresh one when {@code given} is null) that expires after {@code ttl}
     * ({@link Duration#ZERO}: never).
     *
     * @throws IllegalArgumentException for a malformed token, usage or group, with kubeadm's reason
     */
    BootstrapToken create(String given, Duration ttl, List<String> usages, List<String> groups, String description) {
        BootstrapToken token = given == null
                ? BootstrapToken.generate(random)
                : BootstrapToken.parse(given)
                        .orElseThrow(() -> new IllegalArgumentException("the bootstrap token \"" + given
                                + "\" was not of the form \"[a-z0-9]{6}.[a-z0-9]{16}\""));
        for (String u : usages) {
            if (!BootstrapTokenSecret.KNOWN_USAGES.contains(u))
                throw new IllegalArgumentException("invalid bootstrap token usage string: " + u
                        + ", valid usage options: " + String.join(", ", BootstrapTokenSecret.KNOWN_USAGES));
        }
        for (String g : groups) {
            if (!BootstrapTokenSecret.GROUP_FORMAT.matcher(g).matches())
                throw new IllegalArgumentException("bootstrap group \"" + g + "\" is invalid (must match "
                        + BootstrapTokenSecret.GROUP_FORMAT.pattern() + ")");
        }
        if (!groups.isEmpty() && !usages.contains(BootstrapTokenSecret.AUTHENTICATION))
            throw new IllegalArgumentException(
                    "token groups cannot be specified unless --usages includes \"authentication\"");
        Instant expiration =
                ttl.isZero() ? null : clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        BootstrapTokenSecret stored = BootstrapTokenSecret.of(token, expiration, usages, groups, description);
        client.create(new SecretBuilder()
                .withNewMetadata()
                .withName(token.secretName())
                .withNamespace(BootstrapTokenSecret.NAMESPACE)
                .endMetadata()
                .withType(BootstrapTokenSecret.TYPE)
                .withStringData(stored.data())
                .build());
        return token;
    }

    /** The stored tokens, by id. */
    List<BootstrapTokenSecret> list() {
        List<BootstrapTokenSecret> out = new ArrayList<>();
        for (Secret s :
                client.list(Secret.class, BootstrapTokenSecret.NAMESPACE).items()) {
            BootstrapTokenSecret.read(s).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(t -> t.token().id()));
        return out;
    }

    /** kubeadm's table: TOKEN TTL EXPIRES USAGES DESCRIPTION EXTRA GROUPS. */
    String table(List<BootstrapTokenSecret> tokens) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS"));
        Instant now = clock.instant();
        for (BootstrapTokenSecret t : tokens) {
            boolean never = t.expirationText().isEmpty();
            rows.add(List.of(
                    t.token().toString(),
                    never
                            ? "<forever>"
                            : t.expiration() == null ? "<invalid>" : shortHuman(Duration.between(now, t.expiration())),
                    never ? "<never>" : t.expirationText(),
                    String.join(",", t.usages()),
                    t.description().isEmpty() ? "<none>" : t.description(),
                    String.join(",", t.extraGroups())));
        }
        return Columns.render(rows);
    }

    /**
     * Deletes the token named by its id or the whole token.
     *
     * @return the id deleted
     * @throws IllegalArgumentException when the argument is neither, or no such token exists
     */
    String delete(String idOrToken) {
        String id = BootstrapToken.parse(idOrToken).map(BootstrapToken::id).orElse(idOrToken);
        if (!BootstrapToken.ID_FORMAT.matcher(id).matches())
            throw new IllegalArgumentException(
                    "given token didn't match pattern \"[a-z0-9]{6}\" or \"[a-z0-9]{6}.[a-z0-9]{16}\"");
        try {
            client.delete(Secret.class, BootstrapTokenSecret.NAMESPACE, BootstrapTokenSecret.NAME_PREFIX + id);
        } catch (ApiError e) {
            if (e.isNotFound()) throw new IllegalArgumentException("bootstrap token \"" + id + "\" not found");
            throw e;
        }
        return id;
    }

    /** upstream's ShortHumanDuration: "<invalid>" below -1s, then 0s, Ns, Nm, Nh, Nd, Ny. */
    static String shortHuman(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60) return seconds + "s";
        if (d.toMinutes() < 60) return d.toMinutes() + "m";
        long hours = d.toHours();
        if (hours < 24) return hours + "h";
        if (hours < 24 * 365) return (hours / 24) + "d";
        return (hours / 24 / 365) + "y";
    }

    /** Left-aligned columns three spaces apart (kubeadm's tabwriter padding). */
    static final class Columns {
        private Columns() {}

        static String render(List<List<String>> rows) {
            int n = rows.get(0).size();
            int[] width = new int[n];
            for (List<String> r : rows)
                for (int i = 0; i < n; i++)
                    width[i] = Math.max(width[i], r.get(i).length());
            StringBuilder b = new StringBuilder();
            for (List<String> r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    line.append(r.get(i));
                    if (i < n - 1) line.append(" ".repeat(width[i] - r.get(i).length() + 3));
                }
                b.append(line.toString().stripTrailing()).append('\n');
            }
            return b.toString();
        }
    }
}
