package io.everynode.images.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A registry user name and password (or identity token as the password). */
public record Credentials(String username, String password) {
    @Override
    public String toString() {
        return "Credentials[" + username + ", ***]";
    }

    String basicHeader() {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
