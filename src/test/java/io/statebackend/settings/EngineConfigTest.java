package io.statebackend.settings;

import com.google.gson.Gson;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;
import io.statebackend.mockrun.PlanMocks;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The config-reading path the engine uses: the stack file's values handed to the program exactly as the engine hands
 * them (through the SDK's internal test builder, the only way to pass config under the mock engine).
 */
class EngineConfigTest {

    @AfterEach
    void cleanup() {
        PulumiTestInternal.cleanup();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void programReadsTheSameSettingsFromTheEngineAsFromTheStackFile(String stack) {
        StackFile file = Stacks.file(stack);
        Map<String, String> values = new HashMap<>(file.values());
        if (stack.equals("prod")) {
            values.putAll(Stacks.OWN_IDS);
        }
        AtomicReference<Settings> read = new AtomicReference<>();
        var result = PulumiTestInternal.builder()
                .options(TestOptions.builder().projectName(file.projectName()).stackName(stack).preview(false).build())
                .mocks(new PlanMocks())
                .config(values)
                .build()
                .runTest(ctx -> read.set(SettingsLoader.load(EngineConfig.of(ctx))));
        assertTrue(result.exceptions().isEmpty(), result.exceptions()::toString);
        assertEquals(SettingsLoader.load(Stacks.config(stack)), read.get());
    }

    @Test
    void keysComeFromTheEnginesConfigVariableInEitherSpelling() {
        var config = new EngineConfig((ns, key) -> Optional.empty(),
                Optional.of("{\"state-backend:config:azureSkuName\":\"Standard_GRS\",\"aws:region\":\"eu-west-1\"}"),
                Optional.empty());
        assertEquals(Optional.of(Set.of("state-backend:azureSkuName", "aws:region")), config.keys());
    }

    @Test
    void anUnknownKeyInTheEnginesConfigStopsTheProgram() {
        var config = new EngineConfig((ns, key) -> Optional.empty(),
                Optional.of("{\"state-backend:azureSkuNmae\":\"Standard_GRS\"}"), Optional.empty());
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsLoader.load(config));
        assertTrue(e.getMessage().startsWith("state-backend:azureSkuNmae: "), e.getMessage());
    }

    @Test
    void withoutTheVariableNoKeyListIsClaimed() {
        assertEquals(Optional.empty(), new EngineConfig((ns, key) -> Optional.empty(), Optional.empty(),
                Optional.empty()).keys());
    }

    @Test
    void valuesAreReadByNamespaceAndKey() {
        var config = new EngineConfig((ns, key) -> ns.equals("aws") && key.equals("region") ? Optional.of("eu-west-1")
                : Optional.empty(), Optional.empty(), Optional.empty());
        assertEquals(Optional.of("eu-west-1"), config.get("aws:region"));
        assertEquals(Optional.empty(), config.get("state-backend:profile"));
    }

    @Test
    void malformedEngineConfigIsReportedByName() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> new EngineConfig((ns, key) -> Optional.empty(), Optional.of("{\"db:password\": hunter2"), Optional.empty()));
        assertEquals("PULUMI_CONFIG: got a secret value (not shown); expected the engine's config as a JSON object",
                e.getMessage(), "the engine's config holds decrypted secrets");
        SettingsException secrets = assertThrows(SettingsException.class,
                () -> new EngineConfig((ns, key) -> Optional.empty(), Optional.empty(), Optional.of("{}")));
        assertTrue(secrets.getMessage().startsWith("PULUMI_CONFIG_SECRET_KEYS: "), secrets.getMessage());
    }

    private static void loadUnquotingSecrets(StackConfig config) {
        SettingsLoader.withSecretsUnquoted(config, () -> SettingsLoader.load(config));
    }

    /** A config holding {@code values}, the engine's way, with {@code secretKeys} marked secret. */
    private static EngineConfig engineConfig(Map<String, String> values, String secretKeysJson) {
        return new EngineConfig((ns, key) -> Optional.ofNullable(values.get(ns + ":" + key)),
                Optional.of(new Gson().toJson(values)), Optional.of(secretKeysJson));
    }

    @Test
    void aRefusedSecretValueIsNotShownWhileAPlainOneIs() {
        Map<String, String> values = Map.of("state-backend:profile", "development",
                "state-backend:azureStorageAccountKey", "S3cr3t-Plaintext-Token==");
        SettingsException secret = assertThrows(SettingsException.class,
                () -> loadUnquotingSecrets(engineConfig(values, "[\"state-backend:config:azureStorageAccountKey\"]")));
        assertEquals("state-backend:azureStorageAccountKey: got a secret value (not shown); expected no such setting;"
                + " known settings are listed in Pulumi.yaml and docs/settings.md", secret.getMessage());

        SettingsException plain = assertThrows(SettingsException.class, () -> loadUnquotingSecrets(engineConfig(values, "[]")));
        assertTrue(plain.getMessage().contains("\"S3cr3t-Plaintext-Token==\""), plain.getMessage());
    }

    @Test
    void aKnownSettingGivenAsABadSecretIsRefusedWithoutItsValue() {
        Map<String, String> values = Map.of("state-backend:profile", "development", "state-backend:azureSkuName", "hunter2");
        SettingsException e = assertThrows(SettingsException.class,
                () -> loadUnquotingSecrets(engineConfig(values, "[\"state-backend:azureSkuName\"]")));
        assertTrue(e.getMessage().startsWith("state-backend:azureSkuName: got a secret value (not shown); expected "),
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void stackFileValuesAreInTheEnginesForm() {
        assertTrue(Stacks.file("prod").values().keySet().stream().allMatch(k -> k.contains(":")));
        assertEquals("[\"11111111-1111-1111-1111-111111111111\",\"22222222-2222-2222-2222-222222222222\"]",
                Stacks.file("prod").values().get("state-backend:azureStateUserObjectIds"));
    }
}
