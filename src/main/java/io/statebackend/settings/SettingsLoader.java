package io.statebackend.settings;

import java.util.Optional;

/**
 * Builds {@link Settings} from stack config and validates every value before any resource is declared. The first bad
 * value stops the program with one line naming the key, the value and what is expected.
 */
public final class SettingsLoader {

    private SettingsLoader() {
    }

    /**
     * Runs {@code program} (loading the settings, and declaring, where a setting can still be refused once Azure has
     * been asked about it), so that a refused setting the stack keeps secret is refused without its value.
     */
    public static void withSecretsUnquoted(StackConfig config, Runnable program) {
        try {
            program.run();
        } catch (SettingsException e) {
            throw config.isSecret(e.key()) ? e.withValueHidden() : e;
        }
    }

    public static Settings load(StackConfig config) {
        SettingsReader read = new SettingsReader(config);
        boolean protect = read.value(Settings.PROTECT);
        boolean azureEnabled = read.value(AzureSettings.ENABLED);
        boolean awsEnabled = read.value(AwsSettings.ENABLED);
        Rules.require(azureEnabled || awsEnabled, AzureSettings.ENABLED, "false",
                "true, or " + AwsSettings.ENABLED + " true: at least one cloud must be on");
        Optional<AzureSettings> azure = azureEnabled ? Optional.of(AzureSettings.read(read)) : Optional.empty();
        Optional<AwsSettings> aws = awsEnabled ? Optional.of(AwsSettings.read(read)) : Optional.empty();
        return new Settings(read.profile(), protect, azure, aws);
    }
}
