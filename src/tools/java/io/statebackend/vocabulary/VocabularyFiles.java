package io.statebackend.vocabulary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statebackend.review.PolicyPackReport;
import io.statebackend.settings.AzureSettings;
import io.statebackend.settings.ExampleValues;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy pack's copy of what the program names and requires, generated from it: {@code AzureTypes} and
 * {@code AwsTypes} from {@link AzureType} and {@link AwsType}, {@code Thresholds} from {@link Threshold}, the
 * geo-redundant SKUs and the documentation's example accounts from the settings' own lists, and the threshold numbers
 * in {@code policy/config/<stack>.json}.
 * {@code VocabularyFilesTest} fails while any is stale; this main rewrites them:
 * <pre>mvn -q test-compile exec:java -Dexec.mainClass=io.statebackend.vocabulary.VocabularyFiles</pre>
 */
public final class VocabularyFiles {

    static final String AZURE_TYPES = "policy/src/azure/types.ts";
    static final String AWS_TYPES = "policy/src/aws/types.ts";
    static final String THRESHOLDS = "policy/src/common/thresholds.ts";
    private static final String REGENERATE = "mvn -q test-compile exec:java -Dexec.mainClass=io.statebackend.vocabulary.VocabularyFiles";

    /** A threshold number a stack's pack config gives a policy. */
    record ConfigValue(String stack, String policy, String field, Threshold threshold) {
    }

    static final List<ConfigValue> CONFIG_VALUES = List.of(
            new ConfigValue("prod", "azure-blob-soft-delete", "minimumSoftDeleteRetentionDays", Threshold.PRODUCTION_SOFT_DELETE_DAYS),
            new ConfigValue("prod", "azure-container-soft-delete", "minimumSoftDeleteRetentionDays", Threshold.PRODUCTION_SOFT_DELETE_DAYS),
            new ConfigValue("prod", "azure-keyvault-soft-delete-retention", "minimumSoftDeleteRetentionDays", Threshold.KEY_VAULT_SOFT_DELETE_DAYS),
            new ConfigValue("prod", "azure-backup-policy-retention", "minimumBackupRetentionDays", Threshold.PRODUCTION_BACKUP_RETENTION_DAYS),
            new ConfigValue("prod", "azure-log-analytics-retention", "minimumRetentionDays", Threshold.PRODUCTION_LOG_RETENTION_DAYS),
            new ConfigValue("dev", "azure-backup-policy-retention", "minimumBackupRetentionDays", Threshold.DEVELOPMENT_BACKUP_RETENTION_DAYS));

    private VocabularyFiles() {
    }

    public static void main(String[] args) throws IOException {
        Path project = Path.of("").toAbsolutePath();
        Files.writeString(project.resolve(AZURE_TYPES), typesModule("AzureTypes", AzureType.class, AzureType.values()));
        Files.writeString(project.resolve(AWS_TYPES), typesModule("AwsTypes", AwsType.class, AwsType.values()));
        Files.writeString(project.resolve(THRESHOLDS), thresholdsModule());
        for (String stack : List.of("dev", "prod")) {
            Path config = project.resolve(PolicyPackReport.packConfigPath(stack));
            Files.writeString(config, packConfig(Files.readString(config), stack));
        }
        System.out.println("regenerated " + AZURE_TYPES + ", " + AWS_TYPES + ", " + THRESHOLDS + " and policy/config/*.json");
    }

    static String typesModule(String name, Class<? extends Enum<?>> source, ResourceTypeName[] types) {
        List<String> lines = new ArrayList<>(List.of(
                "// Generated from " + source.getName() + " (the token each provider SDK class the program declares",
                "// carries) by " + VocabularyFiles.class.getName() + ": change that, not this file.",
                "// Resource type tokens (<package>:<module>:<type>), as the engine passes them to a policy pack in args.type.",
                "export const " + name + " = {"));
        for (ResourceTypeName type : types) {
            lines.add("    " + type.packName() + ": \"" + type.token() + "\",");
        }
        lines.add("} as const;");
        return String.join("\n", lines) + "\n";
    }

    static String thresholdsModule() {
        List<String> lines = new ArrayList<>(List.of(
                "// Generated from " + Threshold.class.getName() + " (the rules of the program's settings and its fixed",
                "// constants) by " + VocabularyFiles.class.getName() + ": change those, not this file.",
                "// The numbers and names the program and the pack both hold a stack to.",
                "export const Thresholds = {"));
        for (Threshold threshold : Threshold.values()) {
            lines.add("    /** From " + threshold.source() + ". */");
            lines.add("    " + threshold.packName() + ": " + threshold.value() + ",");
        }
        lines.add("} as const;");
        lines.add("");
        lines.add("/** From AzureSettings.Storage.GEO_REDUNDANT_SKUS: the SKUs production requires of azureSkuName. */");
        lines.add("export const GeoRedundantSkus: string[] = " + json(AzureSettings.Storage.GEO_REDUNDANT_SKUS) + ";");
        lines.add("");
        lines.add("/** From ExampleValues.DOCUMENTATION_ACCOUNTS: account ids the AWS documentation uses as examples. */");
        lines.add("export const DocumentationAccounts: string[] = " + json(ExampleValues.DOCUMENTATION_ACCOUNTS) + ";");
        return String.join("\n", lines) + "\n";
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code current} with each threshold field of the stack's pack config set to the generated number. Edited in
     * place rather than re-serialised, so the file keeps its hand-written layout (one policy a line) and its diff shows
     * only the numbers that changed.
     */
    static String packConfig(String current, String stack) {
        String updated = current;
        for (ConfigValue value : CONFIG_VALUES.stream().filter(v -> v.stack().equals(stack)).toList()) {
            Pattern field = Pattern.compile("(\"" + Pattern.quote(value.policy()) + "\"\\s*:\\s*\\{[^}]*\""
                    + Pattern.quote(value.field()) + "\"\\s*:\\s*)\\d+");
            Matcher matcher = field.matcher(updated);
            if (!matcher.find()) {
                throw new IllegalStateException(PolicyPackReport.packConfigPath(stack) + " does not set "
                        + value.policy() + "." + value.field() + "; add it, then run " + REGENERATE);
            }
            updated = matcher.replaceFirst(Matcher.quoteReplacement(matcher.group(1)) + value.threshold().value());
        }
        return updated;
    }
}
