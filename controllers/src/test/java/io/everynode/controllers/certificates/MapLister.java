package io.everynode.controllers.certificates;

import io.everynode.client.Lister;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A cache of requests by name, filled by the test. */
final class MapLister implements Lister<CertificateSigningRequest> {
    private final Map<String, CertificateSigningRequest> byName = new LinkedHashMap<>();

    MapLister put(CertificateSigningRequest csr) {
        byName.put(csr.getMetadata().getName(), csr);
        return this;
    }

    @Override
    public Optional<CertificateSigningRequest> get(String key) {
        return Optional.ofNullable(byName.get(key));
    }

    @Override
    public List<CertificateSigningRequest> list() {
        return List.copyOf(byName.values());
    }

    @Override
    public List<CertificateSigningRequest> byIndex(String indexName, String value) {
        return List.of();
    }
}
