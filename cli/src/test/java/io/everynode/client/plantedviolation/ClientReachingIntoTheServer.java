package io.everynode.client.plantedviolation;

import io.everynode.apiserver.ApiServer;

/**
 * A planted violation for LayeringTest: a class in the client's packages that uses the API server.
 * It lives in test code, which the real check leaves out, so it never fails the build by itself.
 */
public final class ClientReachingIntoTheServer {
    private ClientReachingIntoTheServer() {}

    public static int advertised(ApiServer api) {
        return api.hashCode();
    }
}
