package io.statebackend.azure;

import com.pulumi.azurenative.authorization.AuthorizationFunctions;
import com.pulumi.azurenative.authorization.outputs.GetClientConfigResult;
import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.azurenative.authorization.RoleDefinition;
import com.pulumi.core.Output;
import com.pulumi.deployment.Deployment;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.statebackend.settings.AzureSettings;
import io.statebackend.common.BackendLayout;
import io.statebackend.common.StoreOptions;
import io.statebackend.common.StoreTags;

import javax.annotation.Nullable;
import java.util.Map;
import java.util.Optional;

/**
 * A hardened Azure Blob backend for Pulumi state. Each concern lives in its own class: {@link Encryption} (CMK),
 * {@link Account}, {@link BlobDataProtection}, {@link StateContainer}, {@link Network}, {@link Diagnostics},
 * {@link Access}, {@link Protection}, {@link SecretsProvider}, {@link Backup} and {@link Naming}.
 */
public final class AzureStateStore extends ComponentResource {

    public static final String TYPE = "state-backend:azure:StateStore";

    /** {@code azblob://<container>?storage_account=<account>}, the URL {@code pulumi login} takes. */
    public final Output<String> backendUrl;
    /** {@code azurekeyvault://<vault>.vault.azure.net/keys/<key>}, the {@code --secrets-provider} for stacks. */
    public final Output<String> secretsProvider;
    public final Output<String> loginCommand;
    public final Output<String> storageAccountId;
    public final Output<String> storageAccountName;
    public final Output<String> blobEndpoint;
    public final Output<String> containerName;
    public final Output<String> keyVaultUri;
    /** The decrypt-only role of the state readers, to grant it to readers beyond the configured ones. */
    public final Optional<Output<String>> readerRoleDefinitionId;

    /**
     * Confirms with Azure what the settings can only name: an existing Log Analytics workspace must keep the audit logs
     * as long as the stack requires ({@link Diagnostics#requireExistingWorkspaceKeepsLogs}). It runs in the arguments of
     * {@code super}, before the component is declared, so a refusal stops the run with the setting's one line and
     * nothing declared. Returns {@code options} as they are.
     */
    private static @Nullable ComponentResourceOptions confirmedWithAzure(AzureStateStoreArgs args,
                                                                          @Nullable ComponentResourceOptions options) {
        Diagnostics.requireExistingWorkspaceKeepsLogs(args.settings().diagnostics());
        return options;
    }

    /**
     * @param options {@code protect} applies to the resources that hold state or the keys to it (not to the component
     *                itself, nor to what can be re-created without loss); {@code parent} and providers apply as to
     *                any component: an azure-native provider given here is the one every resource of the store uses
     */
    public AzureStateStore(String name, AzureStateStoreArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, null, StoreOptions.forComponent(confirmedWithAzure(args, options)));
        AzureSettings settings = args.settings();
        boolean protect = StoreOptions.protect(options);
        String project = Deployment.getInstance().getProjectName();
        String stack = Deployment.getInstance().getStackName();
        Output<GetClientConfigResult> client = AuthorizationFunctions.getClientConfig();
        Map<String, String> tags = StoreTags.of(project, stack);
        Output<String> resourceGroupName = settings.names().existingResourceGroupName()
                .map(Output::of)
                .orElseGet(() -> new ResourceGroup("state-rg", ResourceGroupArgs.builder()
                        .resourceGroupName("rg-pulumi-state-" + stack)
                        .location(settings.location())
                        .tags(tags)
                        .build(), CustomResourceOptions.builder().parent(this).protect(protect).build()).name());
        var scope = new AzureScope(this, settings, resourceGroupName, client,
                Naming.of(settings, client.applyValue(GetClientConfigResult::subscriptionId), project, stack),
                protect, tags, args.today());

        var encryption = new Encryption(scope);
        var account = new Account(scope, encryption);
        var dataProtection = new BlobDataProtection(scope, account);
        var container = new StateContainer(scope, account);
        var secrets = new SecretsProvider(scope, encryption);
        new Network(scope, account, encryption);
        new Diagnostics(scope, account, encryption);
        var access = new Access(scope, container, secrets);
        new Protection(scope, account, encryption);
        settings.backup().ifPresent(backup -> new Backup(scope, backup, account, dataProtection, container));

        this.storageAccountName = account.account.name();
        this.containerName = container.container.name();
        this.backendUrl = Output.tuple(containerName, storageAccountName)
                .applyValue(t -> "azblob://" + t.t1 + "?storage_account=" + t.t2);
        this.loginCommand = backendUrl.applyValue(BackendLayout::loginCommand);
        this.secretsProvider = secrets.url(encryption);
        this.storageAccountId = account.account.id();
        this.blobEndpoint = account.blobEndpoint();
        this.keyVaultUri = encryption.vaultUri();
        this.readerRoleDefinitionId = access.decryptRole.map(RoleDefinition::id);
        registerOutputs(Map.of(
                "backendUrl", backendUrl,
                "secretsProvider", secretsProvider,
                "storageAccountId", storageAccountId,
                "blobEndpoint", blobEndpoint,
                "keyVaultUri", keyVaultUri));
    }
}
