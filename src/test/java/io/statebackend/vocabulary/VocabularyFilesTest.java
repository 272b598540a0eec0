package io.statebackend.vocabulary;

import io.statebackend.review.PolicyPackReport;
import io.statebackend.settings.SettingsException;
import io.statebackend.settings.SettingsLoader;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pack's type tokens, thresholds and pack-config numbers are generated from the program's side
 * ({@link VocabularyFiles}) and checked here to be current, so the two cannot name or require different things.
 */
class VocabularyFilesTest {

    private static final String REGENERATE =
            ": run mvn -q test-compile exec:java -Dexec.mainClass=io.statebackend.vocabulary.VocabularyFiles";

    private static String read(String file) throws IOException {
        return Files.readString(Stacks.PROJECT_DIR.resolve(file));
    }

    @Test
    void thePacksTypeTokensAreTheProviderSdksOwn() throws IOException {
        assertEquals(VocabularyFiles.typesModule("AzureTypes", AzureType.class, AzureType.values()),
                read(VocabularyFiles.AZURE_TYPES), VocabularyFiles.AZURE_TYPES + " is stale" + REGENERATE);
        assertEquals(VocabularyFiles.typesModule("AwsTypes", AwsType.class, AwsType.values()),
                read(VocabularyFiles.AWS_TYPES), VocabularyFiles.AWS_TYPES + " is stale" + REGENERATE);
        assertEquals("azure-native:storage:StorageAccount", AzureType.STORAGE_ACCOUNT.token());
        assertEquals("aws:s3/bucketV2:BucketV2", AwsType.BUCKET.token());
    }

    @Test
    void thePacksThresholdsAndConfigNumbersAreTheSettingsRules() throws IOException {
        assertEquals(VocabularyFiles.thresholdsModule(), read(VocabularyFiles.THRESHOLDS),
                VocabularyFiles.THRESHOLDS + " is stale" + REGENERATE);
        for (String stack : new String[]{"dev", "prod"}) {
            String config = read(PolicyPackReport.packConfigPath(stack));
            assertEquals(VocabularyFiles.packConfig(config, stack), config, stack + "'s pack config is stale" + REGENERATE);
        }
    }

    /** Each threshold is the boundary the program's validation draws: at it a stack loads, past it it is refused. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaries")
    void eachThresholdIsWhereTheProgramsValidationDrawsTheLine(Threshold threshold, String stack, String key, int step) {
        int edge = threshold.value();
        assertTrue(loads(stack, key, edge), key + " = " + edge + " in " + stack);
        assertFalse(loads(stack, key, edge + step), key + " = " + (edge + step) + " in " + stack);
    }

    static Stream<Arguments> boundaries() {
        return Stream.of(
                Arguments.of(Threshold.PRODUCTION_SOFT_DELETE_DAYS, "prod", "azureSoftDeleteRetentionDays", -1),
                Arguments.of(Threshold.DEVELOPMENT_SOFT_DELETE_DAYS, "dev", "azureSoftDeleteRetentionDays", -1),
                Arguments.of(Threshold.PRODUCTION_BACKUP_RETENTION_DAYS, "prod", "azureBackupRetentionDays", -1),
                Arguments.of(Threshold.DEVELOPMENT_BACKUP_RETENTION_DAYS, "dev", "azureBackupRetentionDays", -1),
                Arguments.of(Threshold.MINIMUM_KEY_SIZE, "prod", "azureKeySize", -1),
                Arguments.of(Threshold.MAXIMUM_NONCURRENT_VERSION_DAYS, "dev", "azureNoncurrentVersionRetentionDays", 1),
                Arguments.of(Threshold.MAXIMUM_NONCURRENT_VERSION_DAYS, "prod", "awsNoncurrentVersionRetentionDays", 1));
    }

    private static boolean loads(String stack, String key, int value) {
        try {
            SettingsLoader.load(Stacks.configWith(stack, Map.of(key, Integer.toString(value))));
            return true;
        } catch (SettingsException e) {
            return false;
        }
    }

    @Test
    void aConfigWithoutAGeneratedFieldIsReportedNotSilentlySkipped() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VocabularyFiles.packConfig("{ \"all\": \"mandatory\" }", "prod"));
        assertTrue(e.getMessage().contains("policy/config/prod.json does not set azure-blob-soft-delete"), e.getMessage());
    }

    @Test
    void everyTokenNamesOneTypeAndEveryPackNameIsUnique() {
        assertEquals(AzureType.values().length, Arrays.stream(AzureType.values()).map(AzureType::packName)
                .collect(Collectors.toSet()).size());
        assertEquals(AwsType.values().length, Arrays.stream(AwsType.values()).map(AwsType::packName)
                .collect(Collectors.toSet()).size());
        Set<String> tokens = Arrays.stream(AzureType.values()).map(AzureType::token).collect(Collectors.toSet());
        assertEquals(AzureType.values().length, tokens.size());
        assertEquals(AzureType.KEY, AzureType.byToken("azure-native:keyvault:Key").orElseThrow());
        assertEquals(AwsType.KMS_KEY, AwsType.byToken("aws:kms/key:Key").orElseThrow());
    }
}
