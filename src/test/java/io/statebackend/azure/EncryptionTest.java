package io.statebackend.azure;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.PlanMocks;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Control;
import io.statebackend.testing.Records;
import io.statebackend.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.statebackend.azure.AzureTypes.*;
import static org.junit.jupiter.api.Assertions.*;

class EncryptionTest {

    static ResourceRecord cmk(PlanResult r) {
        return r.get(KEY, Encryption.CMK_KEY_NAME);
    }

    static final Control CUSTOMER_MANAGED_KEY = Control.of("CIS Azure v3.0.0 4.11", "account encrypted with the CMK",
            r -> "Microsoft.Keyvault".equals(account(r).input("encryption.keySource"))
                    && Encryption.CMK_KEY_NAME.equals(account(r).input("encryption.keyVaultProperties.keyName"))
                    && String.valueOf(account(r).input("encryption.keyVaultProperties.keyVaultUri"))
                    .equals("https://" + vault(r).input("vaultName") + ".vault.azure.net/"))
                            .inPack("azure-storage-customer-managed-key");
    static final Control VERSIONLESS_KEY = Control.of("CMK auto-rotation", "key referenced without a version",
            r -> account(r).input("encryption.keyVaultProperties.keyVersion") == null)
                    .inPack("azure-storage-customer-managed-key");
    static final Control ENCRYPTION_IDENTITY = Control.of("CMK identity", "account reaches the key as its user-assigned identity",
            r -> {
                String identityId = SUBSCRIPTION + "/resourceGroups/"
                        + account(r).input("resourceGroupName")
                        + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pulumi-state-cmk";
                return identityId.equals(account(r).input("encryption.encryptionIdentity.encryptionUserAssignedIdentity"))
                        && "UserAssigned".equals(account(r).input("identity.type"))
                        && strings(account(r).input("identity.userAssignedIdentities")).equals(List.of(identityId));
            }).inPack("azure-storage-customer-managed-key");
    static final Control VAULT_RBAC = Control.of("Key Vault RBAC", "RBAC authorization, no access policies",
            r -> isTrue(vault(r).input("properties.enableRbacAuthorization")))
                    .inPack("azure-keyvault-rbac-authorization");
    static final Control VAULT_PURGE_PROTECTION = Control.of("Key Vault purge protection", "purge protection on",
            r -> isTrue(vault(r).input("properties.enablePurgeProtection"))).inPack("azure-keyvault-purge-protection");
    static final Control VAULT_SOFT_DELETE = Control.of("Key Vault soft delete", "soft delete for 90 days",
            r -> isTrue(vault(r).input("properties.enableSoftDelete"))
                    && number(vault(r).input("properties.softDeleteRetentionInDays")) == 90)
                            .inPack("azure-keyvault-soft-delete-retention");
    static final Control VAULT_PRIVATE = Control.of("Key Vault network", "public access off, firewall Deny, trusted services bypass",
            r -> "Disabled".equals(vault(r).input("properties.publicNetworkAccess"))
                    && "Deny".equals(vault(r).input("properties.networkAcls.defaultAction"))
                    && "AzureServices".equals(vault(r).input("properties.networkAcls.bypass")))
                            .inPack("azure-keyvault-public-network-disabled", "azure-keyvault-network-acls-deny");
    static final Control STRONG_KEY = Control.of("CMK strength", "RSA key of at least 3072 bits for wrap/unwrap only",
            r -> "RSA".equals(cmk(r).input("properties.kty")) && number(cmk(r).input("properties.keySize")) >= 3072
                    && strings(cmk(r).input("properties.keyOps")).equals(List.of("wrapKey", "unwrapKey")))
                            .inPack("azure-keyvault-key-rsa-size", "azure-keyvault-key-operations");
    static final Control KEY_ROTATION = Control.of("CMK rotation policy", "rotated automatically after 365 days",
            r -> maps(cmk(r).input("properties.rotationPolicy.lifetimeActions")).stream().anyMatch(a ->
                    "Rotate".equals(((Map<?, ?>) a.get("action")).get("type"))
                            && "P365D".equals(((Map<?, ?>) a.get("trigger")).get("timeAfterCreate"))))
                                    .inPack("azure-keyvault-cmk-rotation");
    static final Control IDENTITY_CAN_USE_KEY = Control.of("CMK access", "identity holds Crypto Service Encryption User on the key",
            r -> {
                ResourceRecord grant = r.get(ROLE_ASSIGNMENT, "cmk-identity-crypto-service-encryption-user");
                return BuiltInRole.KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER.id().equals(roleId(grant.input("roleDefinitionId")))
                        && idOf(r, KEY, Encryption.CMK_KEY_NAME).equals(grant.input("scope"))
                        && "ServicePrincipal".equals(grant.input("principalType"));
            }).inPack("azure-role-assignment-allowed-roles", "azure-key-and-backup-role-scope");
    static final Control GRANT_BEFORE_ACCOUNT = Control.of("CMK ordering", "role assignment exists before the account",
            r -> account(r).dependsOn().contains(ROLE_ASSIGNMENT + "::cmk-identity-crypto-service-encryption-user"));

    /** Hardening without a benchmark id: the vault serves keys to this store, not VMs, disks or templates. */
    static final Control VAULT_FOR_KEYS_ONLY = Control.of("Key Vault uses", "not enabled for VM deployment, disk"
            + " encryption or template deployment",
            r -> isFalse(vault(r).input("properties.enabledForDeployment"))
                    && isFalse(vault(r).input("properties.enabledForDiskEncryption"))
                    && isFalse(vault(r).input("properties.enabledForTemplateDeployment")))
            .inPack("azure-keyvault-keys-only");

    static Stream<Arguments> controls() {
        PlanResult prod = Runs.prod();
        return Stream.of(
                Arguments.of(CUSTOMER_MANAGED_KEY, Records.withInput(prod, ACCOUNT, ACCOUNT_NAME, "encryption.keySource", "Microsoft.Storage")),
                Arguments.of(VERSIONLESS_KEY, Records.withInput(prod, ACCOUNT, ACCOUNT_NAME, "encryption.keyVaultProperties.keyVersion", "0123")),
                Arguments.of(ENCRYPTION_IDENTITY, Records.withInput(prod, ACCOUNT, ACCOUNT_NAME, "encryption.encryptionIdentity", null)),
                Arguments.of(VAULT_RBAC, Records.withInput(prod, VAULT, VAULT_NAME, "properties.enableRbacAuthorization", false)),
                Arguments.of(VAULT_PURGE_PROTECTION, Records.withInput(prod, VAULT, VAULT_NAME, "properties.enablePurgeProtection", null)),
                Arguments.of(VAULT_SOFT_DELETE, Records.withInput(prod, VAULT, VAULT_NAME, "properties.softDeleteRetentionInDays", 7)),
                Arguments.of(VAULT_PRIVATE, Records.withInput(prod, VAULT, VAULT_NAME, "properties.publicNetworkAccess", "Enabled")),
                Arguments.of(VAULT_FOR_KEYS_ONLY, Records.withInput(prod, VAULT, VAULT_NAME, "properties.enabledForDeployment", true)),
                Arguments.of(STRONG_KEY, Records.withInput(prod, KEY, Encryption.CMK_KEY_NAME, "properties.keySize", 2048)),
                Arguments.of(KEY_ROTATION, Records.withInput(prod, KEY, Encryption.CMK_KEY_NAME, "properties.rotationPolicy", null)),
                Arguments.of(IDENTITY_CAN_USE_KEY, Records.withInput(prod, ROLE_ASSIGNMENT,
                        "cmk-identity-crypto-service-encryption-user", "scope", idOf(prod, VAULT, VAULT_NAME))),
                Arguments.of(GRANT_BEFORE_ACCOUNT, Records.with(prod, ACCOUNT, ACCOUNT_NAME, Records::withoutDependencies)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controls")
    void holdsInProductionAndDevelopment(Control control, PlanResult withoutControl) {
        control.assertHolds(Runs.prod());
        control.assertHolds(Runs.dev());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"controls", "eachCondition"})
    void checkFailsWhenTheControlIsRemoved(Control control, PlanResult withoutControl) {
        control.assertBroken(withoutControl);
    }

    /** The checks' other conditions, each broken alone on the real run: no condition joined into a check is idle. */
    static Stream<Arguments> eachCondition() {
        PlanResult prod = Runs.prod();
        return Stream.of(
                Arguments.of(CUSTOMER_MANAGED_KEY, Records.withInput(prod, ACCOUNT, ACCOUNT_NAME, "encryption.keyVaultProperties.keyName", "another-key")),
                Arguments.of(CUSTOMER_MANAGED_KEY, Records.withInput(prod, ACCOUNT, ACCOUNT_NAME, "encryption.keyVaultProperties.keyVaultUri",
                        "https://kv-elsewhere.vault.azure.net/")),
                Arguments.of(VAULT_SOFT_DELETE, Records.withInput(prod, VAULT, VAULT_NAME, "properties.enableSoftDelete", false)),
                Arguments.of(VAULT_PRIVATE, Records.withInput(prod, VAULT, VAULT_NAME, "properties.networkAcls.defaultAction", "Allow")),
                Arguments.of(VAULT_FOR_KEYS_ONLY, Records.withInput(prod, VAULT, VAULT_NAME, "properties.enabledForDiskEncryption", true)),
                Arguments.of(VAULT_FOR_KEYS_ONLY, Records.withInput(prod, VAULT, VAULT_NAME, "properties.enabledForTemplateDeployment", true)),
                Arguments.of(VAULT_PRIVATE, Records.withInput(prod, VAULT, VAULT_NAME, "properties.networkAcls.bypass", "None")),
                Arguments.of(STRONG_KEY, Records.withInput(prod, KEY, Encryption.CMK_KEY_NAME, "properties.kty", "EC")),
                Arguments.of(STRONG_KEY, Records.withInput(prod, KEY, Encryption.CMK_KEY_NAME, "properties.keyOps",
                        List.of("wrapKey", "unwrapKey", "encrypt", "decrypt"))),
                Arguments.of(ENCRYPTION_IDENTITY, Records.withInput(prod, ACCOUNT, ACCOUNT_NAME, "identity.type", "SystemAssigned,UserAssigned")),
                Arguments.of(ENCRYPTION_IDENTITY, Records.withInput(prod, ACCOUNT, ACCOUNT_NAME, "identity.userAssignedIdentities",
                        List.of(SUBSCRIPTION + "/resourceGroups/rg-elsewhere"
                                + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-elsewhere"))),
                Arguments.of(IDENTITY_CAN_USE_KEY, Records.withInput(prod, ROLE_ASSIGNMENT, "cmk-identity-crypto-service-encryption-user",
                        "roleDefinitionId", BuiltInRole.KEY_VAULT_CRYPTO_USER.definitionIdIn(PlanMocks.SUBSCRIPTION_ID))),
                Arguments.of(IDENTITY_CAN_USE_KEY, Records.withInput(prod, ROLE_ASSIGNMENT, "cmk-identity-crypto-service-encryption-user",
                        "principalType", "User")));
    }

    /** Each rotated version expires 90 days after the next rotation is due, with a notice 30 days before. */
    static void assertExpiresAfterAMarginAndNotifies(ResourceRecord cmk) {
        Object policy = cmk.input("properties.rotationPolicy");
        assertEquals(Map.of("expiryTime", "P455D"), ((Map<?, ?>) policy).get("attributes"));
        assertTrue(maps(((Map<?, ?>) policy).get("lifetimeActions")).stream().anyMatch(a ->
                "Notify".equals(((Map<?, ?>) a.get("action")).get("type"))
                        && "P30D".equals(((Map<?, ?>) a.get("trigger")).get("timeBeforeExpiry"))), "a notice 30 d before");
    }

    @Test
    void rotatedVersionsExpireAfterAMarginAndNotifyBeforeExpiry() {
        assertExpiresAfterAMarginAndNotifies(cmk(Runs.prod()));
    }

    @Test
    void theExpiryAssertionBites() {
        ResourceRecord cmk = cmk(Runs.prod());
        assertThrows(AssertionError.class, () -> assertExpiresAfterAMarginAndNotifies(Records.withInput(cmk,
                "properties.rotationPolicy.attributes.expiryTime", "P365D")));
        assertThrows(AssertionError.class, () -> assertExpiresAfterAMarginAndNotifies(Records.withInput(cmk,
                "properties.rotationPolicy.lifetimeActions", List.of(Map.of("action", Map.of("type", "Rotate"),
                        "trigger", Map.of("timeAfterCreate", "P365D"))))));
        assertThrows(AssertionError.class, () -> assertExpiresAfterAMarginAndNotifies(Records.withInput(cmk,
                "properties.rotationPolicy.lifetimeActions", List.of(Map.of("action", Map.of("type", "Notify"),
                        "trigger", Map.of("timeBeforeExpiry", "P1D"))))));
    }

    @Test
    void keyVaultIsInTheTenantTheDeployerSignedInto() {
        assertEquals("10000000-0000-0000-0000-000000000001", vault(Runs.prod()).input("properties.tenantId"));
    }

    @Test
    void vaultAndKeysAreProtectedInProductionOnly() {
        assertTrue(vault(Runs.prod()).protect() && cmk(Runs.prod()).protect());
        assertFalse(vault(Runs.dev()).protect() || cmk(Runs.dev()).protect());
    }
}
