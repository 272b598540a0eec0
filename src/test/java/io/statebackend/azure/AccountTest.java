package io.statebackend.azure;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.settings.AzureSettings;
import io.statebackend.testing.Control;
import io.statebackend.testing.Records;
import io.statebackend.testing.Runs;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.statebackend.azure.AzureTypes.*;
import static org.junit.jupiter.api.Assertions.*;

class AccountTest {

    static final Control GEO_REDUNDANT = Control.of("CIS Azure 9.3.11", "geo-redundant storage",
            r -> AzureSettings.Storage.GEO_REDUNDANT_SKUS.contains(String.valueOf(account(r).input("sku.name"))))
                    .inPack("azure-storage-geo-redundant-sku");
    static final Control STORAGE_V2 = Control.of("account kind", "general-purpose v2 account",
            r -> "StorageV2".equals(account(r).input("kind"))).inPack("azure-storage-account-kind-storagev2");
    static final Control HTTPS_ONLY = Control.of("CIS Azure 9.3.4", "secure transfer required",
            r -> isTrue(account(r).input("enableHttpsTrafficOnly"))).inPack("azure-storage-secure-transfer");
    static final Control TLS_1_2 = Control.of("CIS Azure 9.3.6", "minimum TLS version 1.2",
            r -> "TLS1_2".equals(account(r).input("minimumTlsVersion"))).inPack("azure-storage-minimum-tls-1-2");
    static final Control NO_ANONYMOUS_BLOBS = Control.of("CIS Azure 9.3.8", "no anonymous blob access",
            r -> isFalse(account(r).input("allowBlobPublicAccess"))).inPack("azure-storage-no-anonymous-blob-access");
    static final Control NO_SHARED_KEYS = Control.of("CIS Azure 9.3.1.3", "shared key access disabled",
            r -> isFalse(account(r).input("allowSharedKeyAccess"))).inPack("azure-storage-shared-key-disabled");
    static final Control CROSS_TENANT_ONLY_FOR_BACKUP = Control.of("CIS Azure 9.3.7",
            "no cross-tenant replication unless vaulted backup needs it",
            r -> isFalse(account(r).input("allowCrossTenantReplication")) || !r.ofType(BACKUP_INSTANCE).isEmpty())
                    .inPack("azure-storage-no-cross-tenant-replication");
    static final Control DOUBLE_ENCRYPTION = Control.of("infrastructure encryption", "double encryption at rest",
            r -> isTrue(account(r).input("encryption.requireInfrastructureEncryption")))
                    .inPack("azure-storage-infrastructure-encryption");
    static final Control NO_PUBLIC_NETWORK = Control.of("CIS Azure 9.3.2.2", "public network access disabled",
            r -> "Disabled".equals(account(r).input("publicNetworkAccess")))
                    .inPack("azure-storage-public-network-disabled");
    static final Control FIREWALL_DENY = Control.of("CIS Azure 9.3.2.3", "default network rule Deny",
            r -> "Deny".equals(account(r).input("networkRuleSet.defaultAction")))
                    .inPack("azure-storage-default-network-deny");
    static final Control TRUSTED_SERVICES = Control.of("CIS Azure 9.3.5", "trusted Azure services allowed",
            r -> String.valueOf(account(r).input("networkRuleSet.bypass")).contains("AzureServices"))
                    .inPack("azure-storage-trusted-services-bypass");

    /** Hardening without a benchmark id: every request an Entra identity, no other way in. */
    static final Control ENTRA_ONLY_ACCESS = Control.of("account access paths", "Entra by default, no local users, no SFTP",
            r -> isTrue(account(r).input("defaultToOAuthAuthentication"))
                    && isFalse(account(r).input("isLocalUserEnabled"))
                    && isFalse(account(r).input("isSftpEnabled")))
            .inPack("azure-storage-entra-only-access");

    static Stream<Arguments> controls() {
        return Stream.of(
                Arguments.of(GEO_REDUNDANT, "sku.name", "Standard_LRS"),
                Arguments.of(STORAGE_V2, "kind", "BlobStorage"),
                Arguments.of(HTTPS_ONLY, "enableHttpsTrafficOnly", false),
                Arguments.of(TLS_1_2, "minimumTlsVersion", "TLS1_0"),
                Arguments.of(NO_ANONYMOUS_BLOBS, "allowBlobPublicAccess", true),
                Arguments.of(NO_SHARED_KEYS, "allowSharedKeyAccess", true),
                Arguments.of(DOUBLE_ENCRYPTION, "encryption.requireInfrastructureEncryption", null),
                Arguments.of(NO_PUBLIC_NETWORK, "publicNetworkAccess", "Enabled"),
                Arguments.of(FIREWALL_DENY, "networkRuleSet.defaultAction", "Allow"),
                Arguments.of(TRUSTED_SERVICES, "networkRuleSet.bypass", "None"),
                Arguments.of(ENTRA_ONLY_ACCESS, "defaultToOAuthAuthentication", false),
                Arguments.of(ENTRA_ONLY_ACCESS, "isLocalUserEnabled", true),
                Arguments.of(ENTRA_ONLY_ACCESS, "isSftpEnabled", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controls")
    void holdsInProduction(Control control, String path, Object brokenValue) {
        control.assertHolds(Runs.prod());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controls")
    void checkFailsWhenTheControlIsRemoved(Control control, String path, Object brokenValue) {
        control.assertBroken(Records.withInput(Runs.prod(), ACCOUNT, ACCOUNT_NAME, path, brokenValue));
    }

    @Test
    void developmentKeepsEverySecurityControlButRedundancy() {
        Stream.of(STORAGE_V2, HTTPS_ONLY, TLS_1_2, NO_ANONYMOUS_BLOBS, NO_SHARED_KEYS, DOUBLE_ENCRYPTION,
                NO_PUBLIC_NETWORK, FIREWALL_DENY, TRUSTED_SERVICES, CROSS_TENANT_ONLY_FOR_BACKUP, ENTRA_ONLY_ACCESS)
                .forEach(c -> c.assertHolds(Runs.dev()));
        assertEquals("Standard_LRS", account(Runs.dev()).input("sku.name"));
    }

    @Test
    void crossTenantReplicationIsAllowedOnlyForVaultedBackup() {
        CROSS_TENANT_ONLY_FOR_BACKUP.assertHolds(Runs.prod());
        assertTrue(isTrue(account(Runs.prod()).input("allowCrossTenantReplication")),
                "vaulted backup needs cross-tenant replication");
        PlanResult withoutBackup = Stacks.runWith("dev", Map.of("azureBackupEnabled", "false"));
        assertTrue(isFalse(account(withoutBackup).input("allowCrossTenantReplication")));
        assertTrue(withoutBackup.ofType(BACKUP_INSTANCE).isEmpty());
        CROSS_TENANT_ONLY_FOR_BACKUP.assertBroken(Records.without(Runs.prod(), BACKUP_INSTANCE, "state-backup-instance"));
    }

    @Test
    void ipAllowListOpensOnlyTheNamedRangesAndKeepsDefaultDeny() {
        PlanResult run = Stacks.runWith("prod", Map.of("azureAllowedIpRanges", "[\"20.50.0.0/24\",\"52.169.0.7\"]"));
        assertEquals("Enabled", account(run).input("publicNetworkAccess"));
        assertEquals("Deny", account(run).input("networkRuleSet.defaultAction"));
        assertEquals(List.of("20.50.0.0/24", "52.169.0.7"),
                maps(account(run).input("networkRuleSet.ipRules")).stream().map(m -> m.get("iPAddressOrRange")).toList());
        assertEquals(List.of("Allow", "Allow"),
                maps(account(run).input("networkRuleSet.ipRules")).stream().map(m -> m.get("action")).toList());
        NO_PUBLIC_NETWORK.assertBroken(run);
        assertTrue(maps(account(Runs.prod()).input("networkRuleSet.ipRules")).isEmpty());
    }

    @Test
    void accountIsProtectedInProductionOnly() {
        assertTrue(account(Runs.prod()).protect());
        assertFalse(account(Runs.dev()).protect());
    }
}
