package io.everynode.images.registry;

import io.everynode.images.Digest;
import io.everynode.images.ImageReference;
import io.everynode.images.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speaks the distribution API to one repository at a time ({@link #open}): pings {@code /v2/}
 * (in the schemes {@link RegistryHosts} allows, in its order), answers its challenge (a Bearer
 * token from the realm, anonymous or with Basic credentials; or Basic auth itself), then fetches
 * manifests and blobs. Redirects are followed by hand, without the Authorization header when they
 * leave the registry's host (blob storage behind a registry must not see its token).
 */
public final class RegistryClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient http;
    private final RegistryHosts hosts;

    public RegistryClient(HttpClient http, RegistryHosts hosts) {
        this.http = http;
        this.hosts = hosts;
    }

    /** An HttpClient for registries: redirects left to this class, a 10 s connect timeout. */
    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A manifest or index as served. */
    public record Fetched(byte[] body, String mediaType, Optional<Digest> servedDigest) {}

    /** One repository's session: its base address and authorization. */
    public final class Session {
        private final URI base;
        private final String repository;
        private final String authorization;

        private Session(URI base, String repository, String authorization) {
            this.base = base;
            this.repository = repository;
            this.authorization = authorization;
        }

        /** GET {@code /v2/<name>/manifests/<reference>}; a 404 is "not found". */
        public Fetched manifest(String reference) throws IOException {
            URI uri = base.resolve("/v2/" + repository + "/manifests/" + reference);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Accept", String.join(", ", MediaTypes.MANIFESTS));
            HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
            check(response, uri);
            Optional<Digest> served = response.headers()
                    .firstValue("Docker-Content-Digest")
                    .flatMap(d -> {
                        try {
                            return Optional.of(Digest.parse(d));
                        } catch (IllegalArgumentException e) {
                            return Optional.empty();
                        }
                    });
            return new Fetched(
                    response.body(),
                    response.headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .split(";")[0]
                            .trim(),
                    served);
        }

        /** GET {@code /v2/<name>/blobs/<digest>}; the caller checks the digest. */
        public InputStream blob(Digest digest) throws IOException {
            URI uri = base.resolve("/v2/" + repository + "/blobs/" + digest);
            HttpResponse<InputStream> response =
                    send(HttpRequest.newBuilder(uri), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                try (InputStream body = response.body()) {
                    body.readNBytes(65536);
                }
                check(response, uri);
            }
            return response.body();
        }

        private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
                throws IOException {
            URI uri = request.build().uri();
            for (int hop = 0; ; hop++) {
                if (authorization != null && sameHost(uri, base)) request.header("Authorization", authorization);
                HttpResponse<T> response = exchange(request.uri(uri).GET().build(), handler);
                int status = response.statusCode();
                Optional<String> location = response.headers().firstValue("Location");
                if (status / 100 != 3 || location.isEmpty() || hop >= MAX_REDIRECTS) return response;
                if (response.body() instanceof InputStream in) in.close();
                uri = uri.resolve(location.get());
                request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
            }
        }
    }

    /**
     * Pings the registry of {@code reference} and authorizes a pull of its repository.
     *
     * @throws RegistryError when the registry cannot be reached or refuses the credentials
     */
    public Session open(ImageReference reference, Optional<Credentials> credentials) throws IOException {
        String endpoint = hosts.endpoint(reference.domain());
        List<String> schemes = hosts.schemes(reference.domain());
        URI base = null;
        HttpResponse<byte[]> ping = null;
        for (int i = 0; ping == null; i++) {
            base = URI.create(schemes.get(i) + "://" + endpoint + "/");
            try {
                ping = exchange(ping(base), HttpResponse.BodyHandlers.ofByteArray());
            } catch (RegistryError e) {
                if (i + 1 == schemes.size() || !(e.getCause() instanceof SSLException)) throw e;
            }
        }
        if (ping.statusCode() != 401) return new Session(base, reference.path(), null);
        AuthChallenge challenge = AuthChallenge.parse(
                ping.headers().firstValue("WWW-Authenticate").orElse(""));
        if (challenge.scheme().equals("basic")) {
            return new Session(
                    base,
                    reference.path(),
                    credentials.map(Credentials::basicHeader).orElse(null));
        }
        if (challenge.scheme().equals("bearer")) {
            String token = token(challenge, "repository:" + reference.path() + ":pull", credentials);
            return new Session(base, reference.path(), "Bearer " + token);
        }
        return new Session(base, reference.path(), null);
    }

    private static HttpRequest ping(URI base) {
        return HttpRequest.newBuilder(base.resolve("/v2/"))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
    }

    private String token(AuthChallenge challenge, String scope, Optional<Credentials> credentials) throws IOException {
        String realm = challenge.params().get("realm");
        if (realm == null)
            throw new RegistryError(401, "failed to authorize: the registry's Bearer challenge has no realm");
        StringBuilder uri = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        if (challenge.params().containsKey("service")) {
            uri.append("service=")
                    .append(URLEncoder.encode(challenge.params().get("service"), StandardCharsets.UTF_8))
                    .append('&');
        }
        uri.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString()))
                .timeout(REQUEST_TIMEOUT)
                .GET();
        credentials.ifPresent(c -> request.header("Authorization", c.basicHeader()));
        HttpResponse<byte[]> response = exchange(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new RegistryError(
                    response.statusCode(),
                    "failed to authorize: failed to fetch "
                            + (credentials.isPresent() ? "oauth" : "anonymous")
                            + " token: unexpected status from GET request to "
                            + realm + ": " + statusLine(response.statusCode()));
        }
        JsonNode body = JSON.readTree(response.body());
        String token = body.path("token").asString(body.path("access_token").asString(""));
        if (token.isEmpty())
            throw new RegistryError(401, "failed to authorize: the token endpoint " + realm + " answered no token");
        return token;
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            URI u = request.uri();
            String why = e instanceof ConnectException ? "connect: connection refused" : "i/o timeout";
            throw new RegistryError(
                    "failed to do request: Get \"" + u + "\": dial tcp " + u.getHost() + ":"
                            + (u.getPort() < 0 ? (u.getScheme().equals("https") ? 443 : 80) : u.getPort()) + ": " + why,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while talking to " + request.uri());
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof SSLException)) root = root.getCause();
            throw new RegistryError("failed to do request: Get \"" + request.uri() + "\": " + e.getMessage(), root);
        }
    }

    private static void check(HttpResponse<?> response, URI uri) throws RegistryError {
        int status = response.statusCode();
        if (status / 100 == 2) return;
        throw new RegistryError(status, "unexpected status from GET request to " + uri + ": " + statusLine(status));
    }

    static String statusLine(int status) {
        return switch (status) {
            case 401 -> "401 Unauthorized";
            case 403 -> "403 Forbidden";
            case 404 -> "404 Not Found";
            case 429 -> "429 Too Many Requests";
            case 500 -> "500 Internal Server Error";
            case 502 -> "502 Bad Gateway";
            case 503 -> "503 Service Unavailable";
            default -> String.valueOf(status);
        };
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }
}
