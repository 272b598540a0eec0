package io.statebackend.settings;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.pulumi.Context;

import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Stack config as the Pulumi engine passes it to the running program. Values are read through the SDK's
 * {@link Context#config(String)}; the key list, used only to reject unknown keys, comes from the {@code PULUMI_CONFIG}
 * variable in which the engine hands a language host the whole config (absent under the test engine).
 */
public final class EngineConfig implements StackConfig {

    static final String CONFIG_VARIABLE = "PULUMI_CONFIG";

    private final BiFunction<String, String, Optional<String>> lookup;
    private final Optional<Set<String>> keys;

    EngineConfig(BiFunction<String, String, Optional<String>> lookup, Optional<String> engineConfigJson) {
        this.lookup = lookup;
        this.keys = engineConfigJson.map(EngineConfig::keysOf);
    }

    public static EngineConfig of(Context ctx) {
        return new EngineConfig((namespace, key) -> ctx.config(namespace).get(key),
                Optional.ofNullable(System.getenv(CONFIG_VARIABLE)));
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

    /** The engine may spell keys {@code ns:config:key}; the SDK reads them as {@code ns:key}, and so do we. */
    private static Set<String> keysOf(String json) {
        try {
            return JsonParser.parseString(json).getAsJsonObject().keySet().stream()
                    .map(k -> k.replaceFirst("^([^:]+):config:", "$1:"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (JsonParseException | IllegalStateException e) {
            throw new SettingsException(CONFIG_VARIABLE, json, "the engine's config as a JSON object");
        }
    }
}
