package io.everynode.apiserver.encryption;

import io.everynode.api.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads an EncryptionConfiguration file (apiserver.config.k8s.io/v1), checking it as upstream's
 * validation does and with its messages ({@code resources[0].providers[0].aesgcm.keys[0].secret:
 * Invalid value: "REDACTED": secret is not of the expected length, got 8, expected one of [16 24
 * 32]}); every fault is reported, each with its field path. Providers: aesgcm, aescbc and
 * identity; secretbox and kms are refused (no well-kept Java library offers NaCl secretbox, and
 * there is no KMS plugin to call).
 */
public final class EncryptionConfigReader {
    static final String API_VERSION = "apiserver.config.k8s.io/v1";
    private static final List<Integer> AES_SIZES = List.of(16, 24, 32);
    private static final List<String> KINDS = List.of("aesgcm", "aescbc", "secretbox", "identity", "kms");

    private final SecureRandom random;

    /** @param random the nonces and IVs of encrypting providers */
    public EncryptionConfigReader(SecureRandom random) {
        this.random = random;
    }

    /**
     * @throws IllegalArgumentException naming the file and every field at fault
     */
    public EncryptionConfig read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(
                    "error reading encryption provider configuration file \"" + file + "\": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "error reading encryption provider configuration file \"" + file + "\": " + e.getMessage(), e);
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "error while parsing encryption provider configuration file \"" + file + "\": " + e.getMessage(),
                    e);
        }
    }

    /** @throws IllegalArgumentException listing every field at fault */
    public EncryptionConfig parse(byte[] yaml) {
        JsonNode doc;
        try {
            doc = Json.parseYaml(yaml);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not YAML or JSON: " + e.getMessage(), e);
        }
        List<String> errors = new ArrayList<>();
        if (!API_VERSION.equals(doc.path("apiVersion").asString("")))
            errors.add("apiVersion: Unsupported value: \""
                    + doc.path("apiVersion").asString("") + "\": supported values: \"" + API_VERSION + "\"");
        if (!"EncryptionConfiguration".equals(doc.path("kind").asString("")))
            errors.add("kind: Unsupported value: \"" + doc.path("kind").asString("")
                    + "\": supported values: \"EncryptionConfiguration\"");
        List<EncryptionConfig.Rule> rules = new ArrayList<>();
        JsonNode resources = doc.path("resources");
        if (resources.isEmpty()) errors.add("resources: Required value: at least one resources is required");
        for (int i = 0; i < resources.size(); i++) {
            String path = "resources[" + i + "]";
            rules.add(rule(resources.get(i), path, errors));
        }
        if (!errors.isEmpty())
            throw new IllegalArgumentException(errors.size() == 1 ? errors.get(0) : errors.toString());
        return new EncryptionConfig(rules);
    }

    private EncryptionConfig.Rule rule(JsonNode entry, String path, List<String> errors) {
        List<String> names = new ArrayList<>();
        JsonNode res = entry.path("resources");
        if (res.isEmpty())
            errors.add(path + ".resources: Required value: at least one " + path + ".resources is required");
        for (int j = 0; j < res.size(); j++) {
            String name = res.get(j).asString("");
            if (name.equals("*"))
                errors.add(path + ".resources[" + j + "]: Invalid value: \"*\": use '*.' to encrypt all the resources"
                        + " from core API group or *.* to encrypt all resources");
            else if (name.isEmpty() || name.contains("/") || !name.equals(name.toLowerCase(java.util.Locale.ROOT)))
                errors.add(
                        path + ".resources[" + j + "]: Invalid value: \"" + name
                                + "\": resource name must be lower case, as resource.group (\"secrets\", \"deployments.apps\")");
            else names.add(name);
        }
        List<Provider> providers = new ArrayList<>();
        JsonNode list = entry.path("providers");
        if (list.isEmpty())
            errors.add(path + ".providers: Required value: at least one " + path + ".providers is required");
        for (int j = 0; j < list.size(); j++) {
            providers.addAll(provider(list.get(j), path + ".providers[" + j + "]", errors));
        }
        return new EncryptionConfig.Rule(names, providers);
    }

    private List<Provider> provider(JsonNode p, String path, List<String> errors) {
        List<String> kinds = new ArrayList<>();
        for (String k : KINDS) if (p.has(k)) kinds.add(k);
        if (kinds.isEmpty()) {
            errors.add(path + ": Invalid value: " + Json.string(p)
                    + ": provider does not contain any of the expected providers: KMS, AESGCM, AESCBC, Secretbox,"
                    + " Identity");
            return List.of();
        }
        if (kinds.size() > 1) {
            errors.add(path + ": Invalid value: " + Json.string(p)
                    + ": more than one provider specified in a single element, should split into different list"
                    + " elements");
            return List.of();
        }
        String kind = kinds.get(0);
        return switch (kind) {
            case "identity" -> List.of(new IdentityProvider());
            case "aesgcm", "aescbc" -> keys(kind, p.path(kind).path("keys"), path + "." + kind + ".keys", errors);
            default -> {
                errors.add(path + "." + kind + ": Unsupported value: \"" + kind
                        + "\": supported values: \"aesgcm\", \"aescbc\", \"identity\" (Everynode has no "
                        + (kind.equals("kms") ? "KMS plugin client" : "NaCl secretbox implementation")
                        + "; use aesgcm)");
                yield List.of();
            }
        };
    }

    private List<Provider> keys(String kind, JsonNode keys, String path, List<String> errors) {
        if (keys.isEmpty()) {
            errors.add(path + ": Required value: at least one keys is required");
            return List.of();
        }
        List<Provider> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            String at = path + "[" + i + "]";
            String name = keys.get(i).path("name").asString("");
            String secret = keys.get(i).path("secret").asString("");
            boolean ok = true;
            if (name.isEmpty()) {
                errors.add(at + ".name: Required value: name is a mandatory field for a key");
                ok = false;
            } else if (!seen.add(name)) {
                errors.add(at + ".name: Duplicate value: \"" + name + "\"");
                ok = false;
            }
            if (secret.isEmpty()) {
                errors.add(at + ".secret: Required value: secret is a mandatory field for a key");
                continue;
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(secret);
            } catch (IllegalArgumentException e) {
                errors.add(at + ".secret: Invalid value: \"REDACTED\": secrets must be base64 encoded");
                continue;
            }
            if (!AES_SIZES.contains(bytes.length)) {
                errors.add(at + ".secret: Invalid value: \"REDACTED\": secret is not of the expected length, got "
                        + bytes.length + ", expected one of [16 24 32]");
                continue;
            }
            if (!ok) continue;
            out.add(
                    kind.equals("aesgcm")
                            ? new AesGcmProvider(name, bytes, random)
                            : new AesCbcProvider(name, bytes, random));
        }
        return out;
    }
}
