// Break cases for the azure.storageAccount policies: see testBreakCases in ../helpers.ts.
import * as storage from "../../src/azure/account";
import { compliantStack, inputsOf, without } from "../fixtures/stack";
import { secretsKeyNotAutoRotated } from "../../src/azure/keyVaultKeys";
import { backupProtectsStateAccount } from "../../src/azure/backup";
import { BreakCase } from "../helpers";

export const account = (file: ReturnType<typeof compliantStack>) => inputsOf(file, "state-account");

export const cases: BreakCase[] = [
    { control: storage.storageAccountKind, breaks: "kind is BlobStorage", mutate: (f) => void (account(f).kind = "BlobStorage"), resource: "state-account", message: /kind is "BlobStorage"/ },
    { control: storage.storageGeoRedundancy, breaks: "the SKU is locally redundant", mutate: (f) => void (account(f).sku.name = "Standard_LRS"), resource: "state-account", message: /sku\.name/ },
    { control: storage.storageSecureTransfer, breaks: "HTTP is allowed", mutate: (f) => void (account(f).enableHttpsTrafficOnly = false), resource: "state-account" },
    { control: storage.storageMinimumTls, breaks: "TLS 1.0 is accepted", mutate: (f) => void (account(f).minimumTlsVersion = "TLS1_0"), resource: "state-account", message: /TLS1_2/ },
    { control: storage.storageNoAnonymousBlobAccess, breaks: "public blob access is allowed", mutate: (f) => void (account(f).allowBlobPublicAccess = true), resource: "state-account" },
    { control: storage.storageNoAnonymousBlobAccess, breaks: "allowBlobPublicAccess is left to the default", mutate: (f) => void delete account(f).allowBlobPublicAccess, resource: "state-account", message: /not set/ },
    { control: storage.storageEntraOnlyAccess, breaks: "requests are not authorized with Entra by default", mutate: (f) => void (account(f).defaultToOAuthAuthentication = false), resource: "state-account", message: /defaultToOAuthAuthentication is false/ },
    { control: storage.storageEntraOnlyAccess, breaks: "local users are left at the service's default", mutate: (f) => void delete account(f).isLocalUserEnabled, resource: "state-account", message: /isLocalUserEnabled is/ },
    { control: storage.storageEntraOnlyAccess, breaks: "SFTP is on", mutate: (f) => void (account(f).isSftpEnabled = true), resource: "state-account", message: /isSftpEnabled is true/ },
    { control: storage.storageSharedKeyDisabled, breaks: "shared keys are allowed", mutate: (f) => void (account(f).allowSharedKeyAccess = true), resource: "state-account", message: /allowSharedKeyAccess is true/ },
    { control: storage.storageInfrastructureEncryption, breaks: "infrastructure encryption is off", mutate: (f) => void (account(f).encryption.requireInfrastructureEncryption = false), resource: "state-account" },
    { control: storage.storageCustomerManagedKey, breaks: "Microsoft-managed keys are used", mutate: (f) => void (account(f).encryption.keySource = "Microsoft.Storage"), resource: "state-account", message: /keySource/ },
    { control: storage.storageCustomerManagedKey, breaks: "the key is pinned to a version", mutate: (f) => void (account(f).encryption.keyVaultProperties.keyVersion = "0123456789abcdef"), resource: "state-account", message: /keyVersion/ },
    { control: storage.storageCustomerManagedKey, breaks: "no identity reads the key", mutate: (f) => void delete account(f).encryption.encryptionIdentity, resource: "state-account", message: /encryptionUserAssignedIdentity/ },
    { control: storage.storageCustomerManagedKey, breaks: "the key's vault is not named", mutate: (f) => void delete account(f).encryption.keyVaultProperties.keyVaultUri, resource: "state-account", message: /keyVaultUri/ },
    { control: storage.storageCustomerManagedKey, breaks: "the key name is missing", mutate: (f) => void delete account(f).encryption.keyVaultProperties.keyName, resource: "state-account", message: /keyName/,
        // With no account naming it, the rotating key no longer reads as a CMK.
        alsoFires: [secretsKeyNotAutoRotated] },
    { control: storage.storagePublicNetworkDisabled, breaks: "the public endpoint is enabled", mutate: (f) => void (account(f).publicNetworkAccess = "Enabled"), resource: "state-account" },
    { control: storage.storageDefaultNetworkDeny, breaks: "the firewall allows by default", mutate: (f) => void (account(f).networkRuleSet.defaultAction = "Allow"), resource: "state-account" },
    { control: storage.storageTrustedServicesBypass, breaks: "trusted services are not let through", mutate: (f) => void (account(f).networkRuleSet.bypass = "None"), resource: "state-account", message: /AzureServices/ },
    {
        control: storage.storageNoCrossTenantReplication,
        breaks: "cross-tenant replication is allowed and no backup instance protects the account",
        mutate: (f) => {
            account(f).allowCrossTenantReplication = true;
            return without(f, "state-backup-instance");
        },
        resource: "state-account",
        alsoFires: [backupProtectsStateAccount],
    },
];
