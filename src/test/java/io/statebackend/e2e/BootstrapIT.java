package io.statebackend.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.statebackend.ops.Bootstrap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bootstrap with the real CLI: {@code up} on the local backend, then the stack moves into the backend it
 * created, here an emulator holding what {@code up} would have created in the cloud. The login URL is the
 * exported one plus only the emulator's endpoint parameters. Afterwards, with no passphrase anywhere in the
 * environment, a preview of the moved stack shows no changes and its state names the new secrets provider.
 */
@ExtendWith(E2e.class)
class BootstrapIT {

    static final String SECRETS = "awskms://alias/pulumi-secrets-dev?region=" + Moto.REGION;

    @TempDir
    Path tmp;

    @Test
    void bootstrapsIntoS3OnMotoWithTheKmsSecretsProvider() {
        Moto moto = E2e.moto();
        Sandbox sandbox = new Sandbox(tmp).with(moto.env());
        String bucket = "pulumi-state-" + UUID.randomUUID().toString().substring(0, 8);
        moto.createStateBucket(bucket);
        moto.createKeyAlias("alias/pulumi-secrets-dev");
        withSecretAnd(sandbox, Map.of("state-backend:awsBucketName", bucket, "state-backend:azureEnabled", false));

        String out = bootstrap(sandbox, "--target", "aws", "--clouds", "aws", "--backend-query", moto.backendQuery());

        String backend = moto.backendUrl(bucket);
        assertMovedWithoutPassphrase(sandbox, backend, SECRETS);
        assertTrue(out.contains("Others log in with: pulumi login '" + backend + "'"),
                "the login it prints for others keeps --backend-query: " + out);

        sandbox.env.put("PULUMI_CONFIG_PASSPHRASE", Sandbox.PASSPHRASE);
        String again = bootstrap(sandbox, "--target", "aws", "--clouds", "aws", "--backend-query", moto.backendQuery());
        assertTrue(again.contains("[8/8] login-target: done in an earlier run, skipped"), again);
        assertTrue(again.contains("Bootstrap finished"), again);
    }

    @Test
    void bootstrapsIntoAzuriteWithAnExplicitSecretsProvider() {
        Moto moto = E2e.moto();
        Azurite azurite = E2e.azurite();
        azurite.createContainer("pulumi-state");
        moto.createKeyAlias("alias/pulumi-secrets-dev");
        Sandbox sandbox = new Sandbox(tmp).with(moto.env()).with(azurite.env())
                // Only the prerequisites check reads these: the stand-in azure-native provider needs no login, and
                // the backend uses Azurite's shared key.
                .with(Map.of("AZURE_CLIENT_ID", "e2e", "AZURE_TENANT_ID", "e2e", "AZURE_CLIENT_SECRET", "e2e"));
        withSecretAnd(sandbox, Map.of("state-backend:azureStorageAccountName", Azurite.ACCOUNT,
                "state-backend:awsEnabled", false));

        // Azurite has no Key Vault: the moved stack is encrypted with the KMS key on moto instead.
        bootstrap(sandbox, "--target", "azure", "--clouds", "aws", "--backend-query", azurite.backendQuery(),
                "--secrets-provider", SECRETS);

        String backend = "azblob://pulumi-state?storage_account=" + Azurite.ACCOUNT + "&" + azurite.backendQuery();
        assertMovedWithoutPassphrase(sandbox, backend, SECRETS);
    }

    /**
     * A secret in the stack's config (another namespace than the program's) and {@code settings}: the name the
     * emulator serves, and the other cloud turned off, as a team with one cloud runs it. The bootstrap's steps are the
     * same either way; the whole dev stack through the real CLI is MainCommandIT's.
     */
    private static void withSecretAnd(Sandbox sandbox, Map<String, ?> settings) {
        sandbox.withConfig("dev", settings).initLocal("dev");
        sandbox.pulumiOk("config", "set", "--secret", "consumer:apiToken", "s3cr3t-token", "--stack", "dev");
        sandbox.env.remove("PULUMI_BACKEND_URL");
    }

    /** Runs the bootstrap of dev, which must succeed; its output. */
    private static String bootstrap(Sandbox sandbox, String... args) {
        var out = new ByteArrayOutputStream();
        List<String> all = new java.util.ArrayList<>(List.of("--stack", "dev", "--yes", "--skip-build"));
        all.addAll(List.of(args));
        int code = Bootstrap.run(all.toArray(String[]::new), sandbox.ops(out));
        assertEquals(0, code, () -> out.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The moved stack's state names the new provider and its config secret reads without a passphrase. That the
     * program previews against it with no changes and no passphrase is the bootstrap's own verify step, which a run
     * that exits 0 has passed (MigrateStackIT shows that step refusing a stack that still needs a passphrase).
     */
    private static void assertMovedWithoutPassphrase(Sandbox sandbox, String backend, String secretsProvider) {
        sandbox.env.remove("PULUMI_CONFIG_PASSPHRASE");
        sandbox.env.remove("PULUMI_CONFIG_PASSPHRASE_FILE");
        sandbox.env.put("PULUMI_BACKEND_URL", backend);
        JsonNode state = sandbox.export(backend, "dev");
        assertEquals("cloud", state.path("deployment").path("secrets_providers").path("type").asText(), state::toString);
        assertEquals(secretsProvider, state.path("deployment").path("secrets_providers").path("state").path("url")
                .asText());
        assertTrue(state.path("deployment").path("resources").size() > 1, "the stack's resources moved");
        assertEquals("s3cr3t-token", sandbox.pulumiOk("config", "get", "consumer:apiToken", "--stack", "dev")
                .stdout().strip(), "the config secret is readable with the new provider alone");
    }
}
