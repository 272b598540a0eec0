package io.statebackend;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.resources.ComponentResourceOptions;
import io.statebackend.aws.AwsStateStore;
import io.statebackend.azure.AzureStateStore;
import io.statebackend.azure.AzureStateStoreArgs;
import io.statebackend.settings.EngineConfig;
import io.statebackend.settings.Settings;
import io.statebackend.settings.SettingsLoader;
import io.statebackend.settings.StackConfig;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.OptionalInt;

/**
 * Creates the storage that holds every other stack's Pulumi state and exports the {@code pulumi login} and
 * secrets-provider URLs those stacks use.
 */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        OptionalInt ranInSecondJvm = ShortRunJvm.runInSecondJvm(args);
        if (ranInSecondJvm.isPresent()) {
            System.exit(ranInSecondJvm.getAsInt());
        }
        StaleJarGuard.check(Path.of("").toAbsolutePath());
        ShortRunCompilation.applyInBackground(System.getenv(), System.getProperties());
        Pulumi.run(App::stack);
    }

    /** The program as the engine runs it: settings come from the stack's config. */
    public static void stack(Context ctx) {
        stack(ctx, EngineConfig.of(ctx));
    }

    /** The program for any source of stack config: settings are validated before anything is declared. */
    public static void stack(Context ctx, StackConfig config) {
        stack(ctx, config, LocalDate.now(ZoneOffset.UTC));
    }

    /** As above, on a given day (keys created now expire counting from it). */
    public static void stack(Context ctx, StackConfig config, LocalDate today) {
        SettingsLoader.withSecretsUnquoted(config, () -> declare(ctx, SettingsLoader.load(config), today));
    }

    private static ComponentResourceOptions storeOptions(Settings settings) {
        return ComponentResourceOptions.builder().protect(settings.protect()).build();
    }

    private static void declare(Context ctx, Settings settings, LocalDate today) {
        settings.azure().ifPresent(azure -> {
            var store = new AzureStateStore("azure", new AzureStateStoreArgs(azure, today), storeOptions(settings));
            ctx.export("azureBackendUrl", store.backendUrl);
            ctx.export("azureSecretsProvider", store.secretsProvider);
            ctx.export("azureLoginCommand", store.loginCommand);
            ctx.export("azureStorageAccountId", store.storageAccountId);
            ctx.export("azureStorageAccountName", store.storageAccountName);
            ctx.export("azureBlobEndpoint", store.blobEndpoint);
            ctx.export("azureContainerName", store.containerName);
            ctx.export("azureKeyVaultUri", store.keyVaultUri);
            store.readerRoleDefinitionId.ifPresent(role -> ctx.export("azureStateReaderRoleDefinitionId", role));
        });
        settings.aws().ifPresent(aws -> {
            var store = new AwsStateStore("aws", aws, storeOptions(settings));
            ctx.export("awsBackendUrl", store.backendUrl);
            ctx.export("awsSecretsProvider", store.secretsProvider);
            ctx.export("awsLoginCommand", store.loginCommand);
            ctx.export("awsBucketName", store.bucketName);
            ctx.export("awsBucketArn", store.bucketArn);
            ctx.export("awsKmsKeyArn", store.kmsKeyArn);
            ctx.export("awsStateAccessPolicyArn", store.stateAccessPolicyArn);
            ctx.export("awsStateAccessPolicyJson", store.stateAccessPolicyJson);
            ctx.export("awsStateReadPolicyArn", store.stateReadPolicyArn);
            ctx.export("awsStateReadPolicyJson", store.stateReadPolicyJson);
            store.replicaBucketName.ifPresent(replica -> ctx.export("awsReplicaBucketName", replica));
        });
    }
}
