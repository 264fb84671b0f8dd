package io.everynode.api.bootstrap;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The Secret that stores a bootstrap token, as upstream's cluster-bootstrap library reads and
 * kubeadm writes it: named {@code bootstrap-token-<id>} in {@code kube-system}, of type
 * {@code bootstrap.kubernetes.io/token}, with the string data keys {@code token-id},
 * {@code token-secret}, {@code expiration} (RFC 3339), {@code usage-bootstrap-<usage>}
 * ({@code "true"}), {@code auth-extra-groups} (comma-separated) and {@code description}.
 *
 * <p>Reading is lenient in what it keeps and strict in what it grants: an expiration that does
 * not parse counts as expired (upstream's {@code HasExpired}), and only {@code "true"} enables a
 * usage.
 *
 * @param expiration when the token stops working, or null for never
 * @param usages enabled usages, e.g. {@code authentication}, {@code signing} (sorted)
 * @param extraGroups groups the token's user is in besides {@code system:bootstrappers}
 * @param expirationText the stored expiration, verbatim ("" when none)
 */
public record BootstrapTokenSecret(
        BootstrapToken token,
        Instant expiration,
        String expirationText,
        List<String> usages,
        List<String> extraGroups,
        String description) {
    public static final String NAMESPACE = "kube-system";
    public static final String NAME_PREFIX = "bootstrap-token-";
    public static final String TYPE = "bootstrap.kubernetes.io/token";
    public static final String TOKEN_ID = "token-id";
    public static final String TOKEN_SECRET = "token-secret";
    public static final String EXPIRATION = "expiration";
    public static final String DESCRIPTION = "description";
    public static final String EXTRA_GROUPS = "auth-extra-groups";
    public static final String USAGE_PREFIX = "usage-bootstrap-";
    public static final String AUTHENTICATION = "authentication";
    public static final String SIGNING = "signing";
    /** The usages kubeadm knows; a token may carry any subset. */
    public static final List<String> KNOWN_USAGES = List.of(AUTHENTICATION, SIGNING);
    /** Who a token authenticates as: this prefix and its id. */
    public static final String USER_PREFIX = "system:bootstrap:";
    /** Every bootstrap token's user is in this group. */
    public static final String DEFAULT_GROUP = "system:bootstrappers";
    /** The group {@code kubeadm token create} puts tokens in by default. */
    public static final String KUBEADM_DEFAULT_GROUP = "system:bootstrappers:kubeadm:default-node-token";
    /** Upstream's {@code BootstrapGroupPattern}: extra groups must lie under {@link #DEFAULT_GROUP}. */
    public static final Pattern GROUP_FORMAT = Pattern.compile("^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$");

    public BootstrapTokenSecret {
        usages = List.copyOf(new TreeSet<>(usages));
        extraGroups = List.copyOf(extraGroups);
        description = description == null ? "" : description;
        expirationText = expirationText == null ? "" : expirationText;
    }

    /** A token to store, expiring at {@code expiration} (null: never). */
    public static BootstrapTokenSecret of(
            BootstrapToken token,
            Instant expiration,
            List<String> usages,
            List<String> extraGroups,
            String description) {
        String text = expiration == null ? "" : DateTimeFormatter.ISO_INSTANT.format(expiration);
        return new BootstrapTokenSecret(token, expiration, text, usages, extraGroups, description);
    }

    /**
     * The token stored in a Secret named {@code name} of type {@code type} with the decoded
     * {@code data}; empty when it is not a well-formed bootstrap token Secret (wrong name or type,
     * a token-id that is not the name's, a malformed token).
     */
    public static Optional<BootstrapTokenSecret> read(String name, String type, Map<String, String> data) {
        if (name == null || !name.startsWith(NAME_PREFIX) || !TYPE.equals(type)) return Optional.empty();
        String id = data.getOrDefault(TOKEN_ID, "");
        if (!name.equals(NAME_PREFIX + id)) return Optional.empty();
        Optional<BootstrapToken> token = BootstrapToken.parse(id + "." + data.getOrDefault(TOKEN_SECRET, ""));
        if (token.isEmpty()) return Optional.empty();
        String expirationText = data.getOrDefault(EXPIRATION, "");
        Instant expiration = expirationText.isEmpty() ? null : parseTime(expirationText);
        List<String> usages = new ArrayList<>();
        for (Map.Entry<String, String> e : data.entrySet()) {
            if (e.getKey().startsWith(USAGE_PREFIX) && "true".equals(e.getValue()))
                usages.add(e.getKey().substring(USAGE_PREFIX.length()));
        }
        List<String> groups = new ArrayList<>();
        for (String g : data.getOrDefault(EXTRA_GROUPS, "").split(",")) {
            if (!g.isBlank()) groups.add(g.trim());
        }
        return Optional.of(new BootstrapTokenSecret(
                token.get(), expiration, expirationText, usages, groups, data.getOrDefault(DESCRIPTION, "")));
    }

    /**
     * The token a Secret stores, when it is a well-formed bootstrap-token Secret in
     * {@value #NAMESPACE} ({@code data} decoded, {@code stringData} over it).
     */
    public static Optional<BootstrapTokenSecret> read(Secret s) {
        if (s.getMetadata() == null || !NAMESPACE.equals(s.getMetadata().getNamespace())) return Optional.empty();
        Map<String, String> data = new LinkedHashMap<>();
        if (s.getData() != null) {
            s.getData().forEach((k, v) -> {
                try {
                    data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException notBase64) {
                    // not a token's value
                }
            });
        }
        if (s.getStringData() != null) data.putAll(s.getStringData());
        return read(s.getMetadata().getName(), s.getType(), data);
    }

    /** The Secret's string data for this token (what {@code everynode token create} stores). */
    public Map<String, String> data() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(TOKEN_ID, token.id());
        d.put(TOKEN_SECRET, token.secret());
        if (!expirationText.isEmpty()) d.put(EXPIRATION, expirationText);
        for (String u : usages) d.put(USAGE_PREFIX + u, "true");
        if (!extraGroups.isEmpty()) d.put(EXTRA_GROUPS, String.join(",", extraGroups));
        if (!description.isEmpty()) d.put(DESCRIPTION, description);
        return d;
    }

    /**
     * Whether the token no longer works at {@code now}: its expiration has passed, or it has one
     * that does not parse (upstream treats both alike).
     */
    public boolean expired(Instant now) {
        if (expirationText.isEmpty()) return false;
        return expiration == null || !now.isBefore(expiration);
    }

    public boolean allows(String usage) {
        return usages.contains(usage);
    }

    /** The first extra group that is not under {@code system:bootstrappers:}, if any. */
    public Optional<String> invalidGroup() {
        return extraGroups.stream()
                .filter(g -> !GROUP_FORMAT.matcher(g).matches())
                .findFirst();
    }

    private static Instant parseTime(String text) {
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
