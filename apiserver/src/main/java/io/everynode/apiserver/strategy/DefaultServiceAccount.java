package io.everynode.apiserver.strategy;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.registry.Registry;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every namespace's {@code default} ServiceAccount, made by the server itself the moment the
 * namespace is (and for every namespace at start-up), so a pod created right after its namespace
 * passes {@link ServiceAccountAdmission}. Upstream leaves this to the ServiceAccount controller,
 * which here only repairs an account someone deleted.
 */
public final class DefaultServiceAccount {
    public static final String NAME = "default";

    private DefaultServiceAccount() {}

    /** Creates {@code namespace}'s default account unless it exists or the namespace is going. */
    public static void ensure(Registry registry, String namespace) {
        ObjectNode sa = Json.object();
        sa.putObject("metadata").put("name", NAME);
        try {
            registry.create(ResourceTypes.SERVICE_ACCOUNTS, namespace, sa, false);
        } catch (ApiException e) {
            // 409: there already; 403: the namespace is terminating; 404: gone meanwhile.
            if (e.code() != 409 && e.code() != 403 && e.code() != 404) throw e;
        }
    }
}
