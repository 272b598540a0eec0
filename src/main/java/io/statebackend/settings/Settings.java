package io.statebackend.settings;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.statebackend.settings.Profile.PRODUCTION;

/**
 * Everything the program needs to know, validated and immutable, built from stack config before any resource is
 * declared. An absent cloud is switched off for this stack.
 */
public record Settings(Profile profile, boolean protect, Optional<AzureSettings> azure, Optional<AwsSettings> aws) {

    /** Audit logs of who touched state are kept at least this long in production. */
    static final int PRODUCTION_LOG_RETENTION_DAYS = 90;
    static final Rule<String> NAME_SUFFIX_RULE =
            Rules.matches(Pattern.compile("^[a-z0-9]{4,13}$"), "4-13 lowercase letters or digits");

    static final Setting<String> PROFILE = Setting.string("profile", "production", "production or development; "
            + "production refuses the development relaxations (redundancy, locks, protect, shorter retention, no replica "
            + "or backup, a created VNet, no state users)");
    static final Setting<Boolean> PROTECT = Setting.bool("protect", true,
                    "Pulumi protect on every resource that holds state or its keys")
            .rule(Rules.trueIn(PRODUCTION, "true in production: protect keeps state from a mistaken destroy"));

    /** Every setting this program reads, in the order Pulumi.yaml and docs/settings.md list them. */
    public static List<Setting<?>> declared() {
        return concat(List.of(PROFILE, PROTECT), AzureSettings.SETTINGS, AwsSettings.SETTINGS);
    }

    public static Optional<Setting<?>> byKey(String key) {
        return declared().stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The switch that turns one cloud's store on. */
    public static Setting<Boolean> azureEnabled() {
        return AzureSettings.ENABLED;
    }

    public static Setting<Boolean> awsEnabled() {
        return AwsSettings.ENABLED;
    }

    @SafeVarargs
    static List<Setting<?>> concat(List<Setting<?>>... groups) {
        return Stream.of(groups).flatMap(List::stream).toList();
    }
}
