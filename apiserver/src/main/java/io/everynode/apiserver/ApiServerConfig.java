package io.everynode.apiserver;

import io.everynode.apiserver.auth.SecurityConfig;
import io.everynode.apiserver.strategy.ServiceNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the API layer.
 *
 * @param maxRequestBytes larger bodies are refused with 413 (upstream's limit is 3 MiB)
 * @param minWatchTimeout a watch without timeoutSeconds lasts a random time between this and
 *     twice this (upstream: 30 to 60 minutes)
 * @param maxRequestsInflight read-only requests served at once; more get 429 (upstream's
 *     {@code --max-requests-inflight}, 400). Long-running requests (watches, logs) do not count.
 * @param maxMutatingRequestsInflight writes served at once; more get 429 (upstream's
 *     {@code --max-mutating-requests-inflight}, 200)
 * @param headerReadTimeout how long a connection may take to send a request's headers, and
 *     stay idle between requests (upstream's ReadHeaderTimeout is 32 s)
 * @param bodyReadTimeout how long a request's body may take to arrive; then 408 (upstream bounds
 *     a request by {@code --request-timeout}, 1 minute)
 * @param hostNames names the {@code Host} header may carry besides "localhost" and loopback IP
 *     literals (see {@link HostCheck}): the bind address when it is a name
 * @param serviceNetwork the ranges Services get clusterIPs and nodePorts from
 * @param security authentication and authorization ({@link SecurityConfig#open()} by default:
 *     the library's test setups; {@code server} and {@code up} run secure)
 */
public record ApiServerConfig(
        long maxRequestBytes,
        Duration minWatchTimeout,
        int maxRequestsInflight,
        int maxMutatingRequestsInflight,
        Duration headerReadTimeout,
        Duration bodyReadTimeout,
        List<String> hostNames,
        ServiceNetwork serviceNetwork,
        SecurityConfig security) {
    public ApiServerConfig {
        hostNames = List.copyOf(hostNames);
    }

    public static ApiServerConfig defaults() {
        return new ApiServerConfig(
                3L * 1024 * 1024,
                Duration.ofMinutes(30),
                400,
                200,
                Duration.ofSeconds(32),
                Duration.ofMinutes(1),
                List.of(),
                ServiceNetwork.defaults(),
                SecurityConfig.open());
    }

    public ApiServerConfig withInflightLimits(int readOnly, int mutating) {
        return new ApiServerConfig(
                maxRequestBytes,
                minWatchTimeout,
                readOnly,
                mutating,
                headerReadTimeout,
                bodyReadTimeout,
                hostNames,
                serviceNetwork,
                security);
    }

    public ApiServerConfig withReadTimeouts(Duration header, Duration body) {
        return new ApiServerConfig(
                maxRequestBytes,
                minWatchTimeout,
                maxRequestsInflight,
                maxMutatingRequestsInflight,
                header,
                body,
                hostNames,
                serviceNetwork,
                security);
    }

    /** This config, also accepting {@code Host: name} (give it the address the server binds). */
    public ApiServerConfig withHostName(String name) {
        List<String> names = new ArrayList<>(hostNames);
        names.add(name);
        return new ApiServerConfig(
                maxRequestBytes,
                minWatchTimeout,
                maxRequestsInflight,
                maxMutatingRequestsInflight,
                headerReadTimeout,
                bodyReadTimeout,
                names,
                serviceNetwork,
                security);
    }

    /** This config, with Services' clusterIPs and nodePorts from {@code network}. */
    public ApiServerConfig withServiceNetwork(ServiceNetwork network) {
        return new ApiServerConfig(
                maxRequestBytes,
                minWatchTimeout,
                maxRequestsInflight,
                maxMutatingRequestsInflight,
                headerReadTimeout,
                bodyReadTimeout,
                hostNames,
                network,
                security);
    }

    /** This config, with {@code security} deciding who may call. */
    public ApiServerConfig withSecurity(SecurityConfig security) {
        return new ApiServerConfig(
                maxRequestBytes,
                minWatchTimeout,
                maxRequestsInflight,
                maxMutatingRequestsInflight,
                headerReadTimeout,
                bodyReadTimeout,
                hostNames,
                serviceNetwork,
                security);
    }
}
