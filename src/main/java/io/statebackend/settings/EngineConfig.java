package io.statebackend.settings;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.pulumi.Context;

import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Stack config as the Pulumi engine passes it to the running program. Values are read through the SDK's
 * {@link Context#config(String)}, which decrypts secrets; the key list, used only to reject unknown keys, comes from the
 * {@code PULUMI_CONFIG} variable in which the engine hands a language host the whole config, and the keys whose values
 * are secret from {@code PULUMI_CONFIG_SECRET_KEYS} (both absent under the test engine).
 */
public final class EngineConfig implements StackConfig {

    static final String CONFIG_VARIABLE = "PULUMI_CONFIG";
    static final String SECRET_KEYS_VARIABLE = "PULUMI_CONFIG_SECRET_KEYS";

    private final BiFunction<String, String, Optional<String>> lookup;
    private final Optional<Set<String>> keys;
    private final Set<String> secretKeys;

    EngineConfig(BiFunction<String, String, Optional<String>> lookup, Optional<String> engineConfigJson,
                 Optional<String> secretKeysJson) {
        this.lookup = lookup;
        this.keys = engineConfigJson.map(EngineConfig::keysOf);
        this.secretKeys = secretKeysJson.map(EngineConfig::secretKeysOf).orElse(Set.of());
    }

    public static EngineConfig of(Context ctx) {
        return new EngineConfig((namespace, key) -> ctx.config(namespace).get(key),
                Optional.ofNullable(System.getenv(CONFIG_VARIABLE)),
                Optional.ofNullable(System.getenv(SECRET_KEYS_VARIABLE)));
    }

    @Override
    public Optional<String> get(String qualifiedKey) {
        int colon = qualifiedKey.indexOf(':');
        return lookup.apply(qualifiedKey.substring(0, colon), qualifiedKey.substring(colon + 1));
    }

    @Override
    public Optional<Set<String>> keys() {
        return keys;
    }

    @Override
    public boolean isSecret(String qualifiedKey) {
        return secretKeys.contains(qualifiedKey);
    }

    private static Set<String> keysOf(String json) {
        try {
            return normalised(JsonParser.parseString(json).getAsJsonObject().keySet().stream());
        } catch (JsonParseException | IllegalStateException e) {
            // The variable holds every config value decrypted: never quoted.
            throw new SettingsException(CONFIG_VARIABLE, json, "the engine's config as a JSON object").withValueHidden();
        }
    }

    private static Set<String> secretKeysOf(String json) {
        try {
            return normalised(StreamSupport.stream(JsonParser.parseString(json).getAsJsonArray().spliterator(), false)
                    .map(JsonElement::getAsString));
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new SettingsException(SECRET_KEYS_VARIABLE, json, "the engine's secret config keys as a JSON array");
        }
    }

    /** The engine may spell keys {@code ns:config:key}; the SDK reads them as {@code ns:key}, and so do we. */
    private static Set<String> normalised(Stream<String> keys) {
        return keys.map(k -> k.replaceFirst("^([^:]+):config:", "$1:")).collect(Collectors.toUnmodifiableSet());
    }
}
