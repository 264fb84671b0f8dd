package io.everynode.cli;

import io.everynode.agent.AgentConfig;
import io.everynode.agent.endpointauth.EndpointSecurity;
import io.everynode.agent.endpointauth.ServingCertificateRequester;
import io.everynode.agent.endpointauth.SubjectAccessReviewAuthorizer;
import io.everynode.agent.logs.LogEndpoint;
import io.everynode.client.KubeClient;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * The endpoint of a stand-alone {@code everynode agent}: with the cluster CA (a TLS cluster),
 * HTTPS on a serving certificate requested through the CSR API (self-signed until approved,
 * {@link ServingCertificateRequester}), client certificates of that CA only, each request
 * authorized by a SubjectAccessReview; without (a plain-HTTP server on loopback), plain HTTP.
 */
final class AgentEndpoints {
    private AgentEndpoints() {}

    static LogEndpoint of(
            KubeClient client,
            AgentConfig config,
            String address,
            int port,
            List<X509Certificate> clusterCa,
            Clock clock) {
        LogEndpoint plain = LogEndpoint.direct(address, port);
        if (clusterCa.isEmpty()) return plain;
        // the node's status addresses: InternalIP, and Hostname (the node's name)
        List<String> names = List.of(config.nodeName());
        ServingCertificateRequester requester =
                new ServingCertificateRequester(client, config.nodeName(), List.of(config.hostIP()), names, clock);
        return plain.withSecurity(
                new EndpointSecurity(requester.start(), clusterCa, new SubjectAccessReviewAuthorizer(client, clock)));
    }
}
