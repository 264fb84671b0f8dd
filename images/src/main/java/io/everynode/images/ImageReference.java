package io.everynode.images;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image name as Docker and the kubelet read it, normalized: {@code busybox} is
 * {@code docker.io/library/busybox:latest}; {@code host:5000/a/b@sha256:…} keeps its registry
 * and digest and gets no tag; a reference may carry both a tag and a digest (the digest decides
 * what is pulled).
 *
 * @param domain the registry, e.g. {@code docker.io} or {@code 127.0.0.1:5000}
 * @param path the repository inside it, e.g. {@code library/busybox}
 * @param tag the tag, or null when the reference names a digest only
 * @param digest the manifest digest, or null
 */
public record ImageReference(String domain, String path, String tag, Digest digest) {
    public static final String DOCKER_HUB = "docker.io";

    private static final int NAME_MAX = 255;
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    /**
     * Parses and normalizes {@code text} as Docker does.
     *
     * @throws InvalidImageName with the kubelet's words when the name is not a valid reference
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) throw invalid(text, "invalid reference format");
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.parse(rest.substring(at + 1));
            } catch (IllegalArgumentException e) {
                throw invalid(text, "invalid reference format: " + e.getMessage());
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) throw invalid(text, "invalid reference format");
        }
        if (rest.isEmpty()) throw invalid(text, "invalid reference format");
        String domain;
        String path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        boolean hasDomain = slash >= 0
                && (first.contains(".")
                        || first.contains(":")
                        || first.equals("localhost")
                        || !first.toLowerCase(Locale.ROOT).equals(first));
        if (hasDomain) {
            domain = first;
            path = rest.substring(slash + 1);
            if (!DOMAIN.matcher(domain).matches()) throw invalid(text, "invalid reference format");
        } else {
            domain = DOCKER_HUB;
            path = rest;
        }
        if (domain.equals("index.docker.io")) domain = DOCKER_HUB;
        if (domain.equals(DOCKER_HUB) && !path.contains("/")) path = "library/" + path;
        if (!path.toLowerCase(Locale.ROOT).equals(path)) {
            throw invalid(text, "invalid reference format: repository name (" + path + ") must be lowercase");
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) throw invalid(text, "invalid reference format");
        }
        if (domain.length() + 1 + path.length() > NAME_MAX) {
            throw invalid(text, "invalid reference format: repository name must not be more than 255 characters");
        }
        if (tag == null && digest == null) tag = "latest";
        return new ImageReference(domain, path, tag, digest);
    }

    private static InvalidImageName invalid(String text, String why) {
        return new InvalidImageName("Failed to apply default image tag \"" + text + "\": couldn't parse image name \""
                + text + "\": " + why);
    }

    /** {@code domain/path}, e.g. {@code docker.io/library/busybox}. */
    public String repository() {
        return domain + "/" + path;
    }

    public Optional<String> tagIfAny() {
        return Optional.ofNullable(tag);
    }

    public Optional<Digest> digestIfAny() {
        return Optional.ofNullable(digest);
    }

    /** The same repository at {@code manifest}, without a tag: what an imageID names. */
    public ImageReference withDigestOnly(Digest manifest) {
        return new ImageReference(domain, path, null, manifest);
    }

    /** The same repository and tag without the digest. */
    public ImageReference withoutDigest() {
        return new ImageReference(domain, path, tag == null ? "latest" : tag, null);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(repository());
        if (tag != null) s.append(':').append(tag);
        if (digest != null) s.append('@').append(digest);
        return s.toString();
    }
}
