package io.statebackend.settings;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One stack setting, declared once beside the record field it fills: key, type, default, description and the rules
 * its value must meet, production minimums included. {@code Pulumi.yaml}'s {@code config:} block and
 * docs/settings.md are generated from these declarations; {@link SettingsReader} applies the same rules.
 *
 * @param <T> the type the program sees
 */
public final class Setting<T> {

    /** The config namespace of this project's own keys (the project name in Pulumi.yaml). */
    public static final String NAMESPACE = "state-backend";

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?\\d+");

    private final String key;
    private final SettingType type;
    private final Optional<String> defaultValue;
    private final String description;
    private final BiFunction<Setting<?>, String, T> parser;
    private final List<Rule<? super T>> rules;
    private final Optional<Requirement> requiredIn;

    /** A setting without a default that one profile must set anyway. */
    private record Requirement(Profile profile, String expectation) {
    }

    private Setting(String key, SettingType type, Optional<String> defaultValue, String description,
                    BiFunction<Setting<?>, String, T> parser, List<Rule<? super T>> rules, Optional<Requirement> requiredIn) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
        this.parser = parser;
        this.rules = List.copyOf(rules);
        this.requiredIn = requiredIn;
    }

    public static Setting<String> string(String key, String defaultValue, String description) {
        return new Setting<>(key, SettingType.STRING, Optional.of(defaultValue), description, (s, raw) -> raw,
                List.of(), Optional.empty());
    }

    /** A string that is unset by default; read it with {@link SettingsReader#optional}. */
    public static Setting<String> optionalString(String key, String description) {
        return new Setting<>(key, SettingType.STRING, Optional.empty(), description, (s, raw) -> raw, List.of(),
                Optional.empty());
    }

    /** An Azure resource id of one type, unset by default; read it with {@link SettingsReader#optional}. */
    public static Setting<AzureResourceId> resourceId(String key, String resourceType, String description) {
        return new Setting<>(key, SettingType.STRING, Optional.empty(), description,
                (s, raw) -> AzureResourceId.parse(s.qualifiedKey(), raw, resourceType), List.of(), Optional.empty());
    }

    public static Setting<Integer> integer(String key, int defaultValue, String description) {
        return new Setting<>(key, SettingType.INTEGER, Optional.of(Integer.toString(defaultValue)), description,
                Setting::wholeNumber, List.of(), Optional.empty());
    }

    public static Setting<Boolean> bool(String key, boolean defaultValue, String description) {
        return new Setting<>(key, SettingType.BOOLEAN, Optional.of(Boolean.toString(defaultValue)), description,
                Setting::trueOrFalse, List.of(), Optional.empty());
    }

    /** A list of strings, empty by default. */
    public static Setting<List<String>> stringList(String key, String description) {
        return new Setting<>(key, SettingType.STRING_ARRAY, Optional.of("[]"), description, Setting::strings,
                List.of(), Optional.empty());
    }

    /** This setting with one more rule; rules are checked in the order they are added. */
    public Setting<T> rule(Rule<? super T> rule) {
        List<Rule<? super T>> more = new ArrayList<>(rules);
        more.add(rule);
        return new Setting<>(key, type, defaultValue, description, parser, more, requiredIn);
    }

    /** This optional setting, required in one profile; {@code expectation} is what the error says is missing. */
    public Setting<T> requiredIn(Profile profile, String expectation) {
        return new Setting<>(key, type, defaultValue, description, parser, rules,
                Optional.of(new Requirement(profile, expectation)));
    }

    public String key() {
        return key;
    }

    public String qualifiedKey() {
        return NAMESPACE + ":" + key;
    }

    public SettingType type() {
        return type;
    }

    /** The default in the engine's raw form (arrays as JSON), or empty when the setting is unset by default. */
    public Optional<String> defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The description followed by what the rules allow, as Pulumi.yaml and docs/settings.md show it. */
    public String documentation() {
        List<String> allowed = new ArrayList<>();
        requiredIn.ifPresent(r -> allowed.add("required in " + r.profile().value()));
        rules.stream().map(Rule::summary).filter(s -> !s.isEmpty()).forEach(allowed::add);
        return allowed.isEmpty() ? description : description + " (" + String.join("; ", allowed) + ")";
    }

    /** The lowest number {@code profile} may set, from the rules; empty when no rule bounds it. */
    public OptionalInt minimumIn(Profile profile) {
        return rules.stream().map(rule -> rule.lowestIn(profile)).filter(OptionalInt::isPresent)
                .mapToInt(OptionalInt::getAsInt).max();
    }

    /** The lowest of the profiles' minimums ({@link #minimumIn}); empty when no rule bounds any profile. */
    private OptionalInt minimum() {
        return Arrays.stream(Profile.values()).map(this::minimumIn).flatMapToInt(OptionalInt::stream).min();
    }

    /** The highest number any profile may set, from the rules; empty when no rule bounds it. */
    public OptionalInt maximum() {
        return rules.stream().map(Rule::highest).filter(OptionalInt::isPresent).mapToInt(OptionalInt::getAsInt).min();
    }

    T parse(String raw) {
        return parser.apply(this, raw);
    }

    void check(T value, Profile profile) {
        rules.forEach(rule -> rule.check(this, value, profile));
    }

    void checkAbsence(Profile profile) {
        requiredIn.filter(r -> r.profile() == profile).ifPresent(r -> {
            throw new SettingsException(qualifiedKey(), null, r.expectation());
        });
    }

    @Override
    public String toString() {
        return qualifiedKey();
    }

    private static Integer wholeNumber(Setting<?> setting, String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new SettingsException(setting.qualifiedKey(), raw, "a whole number" + bounds(setting, raw));
        }
    }

    /** For a whole number too large to read, the setting's bounds: the value is wrong for its size, not its form. */
    private static String bounds(Setting<?> setting, String raw) {
        if (!WHOLE_NUMBER.matcher(raw).matches()) {
            return "";
        }
        boolean negative = raw.startsWith("-");
        OptionalInt bound = negative ? setting.minimum() : setting.maximum();
        return bound.isEmpty() ? "" : (negative ? " of at least " : " of at most ") + bound.getAsInt();
    }

    private static Boolean trueOrFalse(Setting<?> setting, String raw) {
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new SettingsException(setting.qualifiedKey(), raw, "true or false");
        };
    }

    /** A list arrives as JSON text, as the engine passes structured config; read with the SDK's own Gson. */
    private static List<String> strings(Setting<?> setting, String raw) {
        try {
            JsonElement json = JsonParser.parseString(raw);
            if (json.isJsonArray() && json.getAsJsonArray().asList().stream().allMatch(Setting::isString)) {
                return json.getAsJsonArray().asList().stream().map(e -> e.getAsString().trim())
                        .collect(Collectors.toUnmodifiableList());
            }
        } catch (JsonParseException e) {
            // reported below with what was expected
        }
        throw new SettingsException(setting.qualifiedKey(), raw, "a list of strings");
    }

    private static boolean isString(JsonElement element) {
        return element.isJsonPrimitive() && element.getAsJsonPrimitive().isString();
    }
}
