package io.statebackend.settings;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.statebackend.testing.PlanAssertions.assertNoCloudResources;
import static io.statebackend.testing.PlanAssertions.assertRejectedSetting;
import static org.junit.jupiter.api.Assertions.*;

class SettingsLoaderTest {

    private static final String DNS_ZONES = "/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e/resourceGroups/rg-dns"
            + "/providers/Microsoft.Network/privateDnsZones/";
    private static final String SUBNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net"
            + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet";
    private static final String EXAMPLE_WORKSPACE = "/subscriptions/aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa/resourceGroups/rg"
            + "/providers/Microsoft.OperationalInsights/workspaces/logs";

    /**
     * stack, changed settings, the key the error must name, the value it must quote, words of the expectation. The
     * AWS-only cases live in {@code aws.AwsSettingsTest}.
     */
    static Stream<Arguments> badInput() {
        return Stream.of(
                bad("prod", Map.of("azureSkuName", "Standard_XYZ"), "azureSkuName", "Standard_XYZ", "one of Standard_GRS"),
                bad("prod", Map.of("azureSkuName", "Standard_LRS"), "azureSkuName", "Standard_LRS", "geo-redundant, required in production"),
                bad("dev", Map.of("azureSoftDeleteRetentionDays", "0"), "azureSoftDeleteRetentionDays", "0", "a number from 1 to 365"),
                bad("dev", Map.of("azureSoftDeleteRetentionDays", "366"), "azureSoftDeleteRetentionDays", "366", "a number from 1 to 365"),
                bad("dev", Map.of("azureSoftDeleteRetentionDays", "5"), "azureSoftDeleteRetentionDays", "5", "at least 7 days in development"),
                bad("prod", Map.of("azureSoftDeleteRetentionDays", "14"), "azureSoftDeleteRetentionDays", "14", "at least 30 days in production"),
                bad("dev", Map.of("azureSoftDeleteRetentionDays", "thirty"), "azureSoftDeleteRetentionDays", "thirty", "a whole number"),
                bad("dev", Map.of("azureNoncurrentVersionRetentionDays", "5", "azureSoftDeleteRetentionDays", "7"),
                        "azureNoncurrentVersionRetentionDays", "5", "at least 7"),
                bad("dev", Map.of("azureNoncurrentVersionRetentionDays", "400"), "azureNoncurrentVersionRetentionDays", "400", "1 to 365"),
                bad("prod", Map.of("azureStateUserObjectIds", "[\"not-a-guid\"]"), "azureStateUserObjectIds", "not-a-guid", "GUID"),
                bad("prod", Map.of("azureStateUserObjectIds", "[\"11111111-1111-1111-1111-11111111111\"]"), "azureStateUserObjectIds",
                        "11111111-1111-1111-1111-11111111111", "GUID"),
                bad("prod", Map.of("azureStateUserObjectIds", "[]"), "azureStateUserObjectIds", "[]", "at least one object id in production"),
                bad("prod", Map.of("azureStateUserObjectIds", "11111111-1111-1111-1111-111111111111"), "azureStateUserObjectIds",
                        "11111111-1111-1111-1111-111111111111", "a list of strings"),
                // production refuses the examples of Pulumi.prod.yaml and the documentation
                bad("prod", Map.of("azureStateUserObjectIds", "[\"4a7d9e21-5c3b-4f80-9e16-b2d7c4a85f03\",\"22222222-2222-2222-2222-222222222222\"]"),
                        "azureStateUserObjectIds", "22222222-2222-2222-2222-222222222222", "not an example"),
                bad("prod", Map.of("azureStateUserObjectIds", "[\"12345678-1234-1234-1234-123456789012\"]"),
                        "azureStateUserObjectIds", "12345678-1234-1234-1234-123456789012", "not an example"),
                bad("prod", Map.of("azureExistingSubnetId", SUBNET), "azureExistingSubnetId", SUBNET,
                        "a resource id in a subscription of your own, not an example"),
                bad("prod", Map.of("azureExistingLogAnalyticsWorkspaceId", EXAMPLE_WORKSPACE),
                        "azureExistingLogAnalyticsWorkspaceId", EXAMPLE_WORKSPACE, "not an example"),
                bad("prod", Map.of("awsStatePrincipalArns", "[\"arn:aws:iam::123456789012:role/pulumi-state-users\"]"),
                        "awsStatePrincipalArns", "arn:aws:iam::123456789012:role/pulumi-state-users",
                        "a principal in an AWS account of your own, not an example"),
                bad("prod", Map.of("awsStatePrincipalArns", "[\"arn:aws:iam::111122223333:root\"]"),
                        "awsStatePrincipalArns", "arn:aws:iam::111122223333:root", "not an example"),
                bad("prod", Map.of("awsStatePrincipalArns", "[\"arn:aws:iam::406918273541:root\"]"),
                        "awsStatePrincipalArns", "arn:aws:iam::406918273541:root", "an IAM role or user ARN in production"),
                bad("prod", Map.of("awsStatePrincipalArns", "[\"arn:aws:iam::406918273541:group/ci\"]"),
                        "awsStatePrincipalArns", "arn:aws:iam::406918273541:group/ci",
                        "an IAM role or user ARN (or, outside production, an account root)"),
                bad("prod", Map.of("awsStateReaderPrincipalArns", "[\"arn:aws:iam::406918273541:root\"]"),
                        "awsStateReaderPrincipalArns", "arn:aws:iam::406918273541:root", "an account root"),
                bad("prod", Map.of("azureStateReaderObjectIds", "[\"not-a-guid\"]"), "azureStateReaderObjectIds", "not-a-guid", "GUID"),
                bad("prod", Map.of("azureStateReaderObjectIds", "[\"33333333-3333-3333-3333-333333333333\"]"),
                        "azureStateReaderObjectIds", "33333333-3333-3333-3333-333333333333", "not an example"),
                bad("prod", Map.of("azureStateReaderObjectIds", "[\"4a7d9e21-5c3b-4f80-9e16-b2d7c4a85f03\"]"),
                        "azureStateReaderObjectIds", "4a7d9e21-5c3b-4f80-9e16-b2d7c4a85f03", "a reader only reads"),
                bad("prod", Map.of("azureStateReaderObjectIds", "[\"4A7D9E21-5C3B-4F80-9E16-B2D7C4A85F03\"]"),
                        "azureStateReaderObjectIds", "4A7D9E21-5C3B-4F80-9E16-B2D7C4A85F03", "a reader only reads"),
                bad("prod", Map.of("azureStateUserObjectIds", "[\"4a7d9e21-5c3b-4f80-9e16-b2d7c4a85f03\","
                        + "\"4A7D9E21-5C3B-4F80-9E16-B2D7C4A85F03\"]"), "azureStateUserObjectIds",
                        "4A7D9E21-5C3B-4F80-9E16-B2D7C4A85F03",
                        "each entry once (letter case aside): it repeats \"4a7d9e21-5c3b-4f80-9e16-b2d7c4a85f03\""),
                bad("prod", Map.of("azureStateReaderObjectIds", "[\"5b8e0f32-6d4c-4091-8f27-c3e8d5b96014\","
                        + "\"5B8E0F32-6D4C-4091-8F27-C3E8D5B96014\"]"), "azureStateReaderObjectIds",
                        "5B8E0F32-6D4C-4091-8F27-C3E8D5B96014", "each entry once"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"10.0.0.0/8\"]"), "azureAllowedIpRanges", "10.0.0.0/8", "public IPv4"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"203.0.113.0/33\"]"), "azureAllowedIpRanges", "203.0.113.0/33", "public IPv4"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"203.0.113.1/24\"]"), "azureAllowedIpRanges", "203.0.113.1/24", "CIDR"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"203.0.113.0/31\"]"), "azureAllowedIpRanges", "203.0.113.0/31", "/16 to /30"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"128.0.0.0/1\"]"), "azureAllowedIpRanges", "128.0.0.0/1", "/16 to /30"),
                bad("prod", Map.of("azureAllowedIpRanges", "[\"198.51.0.0/15\"]"), "azureAllowedIpRanges", "198.51.0.0/15", "/16 to /30"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"::ffff:203.0.113.5\"]"), "azureAllowedIpRanges", "::ffff:203.0.113.5",
                        "public IPv4"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"::ffff:203.0.113.0/24\"]"), "azureAllowedIpRanges",
                        "::ffff:203.0.113.0/24", "public IPv4"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"203.0.113.0/24\",\"203.0.113.0/24\"]"), "azureAllowedIpRanges",
                        "203.0.113.0/24", "each entry once"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"example.com\"]"), "azureAllowedIpRanges", "example.com", "public IPv4"),
                // each block that is not public, by an address or range inside it or by a range around it
                bad("dev", Map.of("azureAllowedIpRanges", "[\"10.1.0.0/16\"]"), "azureAllowedIpRanges", "10.1.0.0/16", "overlaps 10.0.0.0/8 (private use)"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"0.1.0.0/16\"]"), "azureAllowedIpRanges", "0.1.0.0/16", "overlaps 0.0.0.0/8 (this network)"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"100.64.0.0/16\"]"), "azureAllowedIpRanges", "100.64.0.0/16", "overlaps 100.64.0.0/10 (shared address space)"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"127.0.0.1\"]"), "azureAllowedIpRanges", "127.0.0.1", "overlaps 127.0.0.0/8 (loopback)"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"169.254.169.254\"]"), "azureAllowedIpRanges", "169.254.169.254", "overlaps 169.254.0.0/16 (link local)"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"172.31.0.0/16\"]"), "azureAllowedIpRanges", "172.31.0.0/16", "overlaps 172.16.0.0/12 (private use)"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"192.0.0.8\"]"), "azureAllowedIpRanges", "192.0.0.8", "overlaps 192.0.0.0/24 (IETF protocol assignments)"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"192.0.0.0/16\"]"), "azureAllowedIpRanges", "192.0.0.0/16", "overlaps 192.0.0.0/24 (IETF protocol assignments)"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"192.168.0.0/16\"]"), "azureAllowedIpRanges", "192.168.0.0/16", "overlaps 192.168.0.0/16 (private use)"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"198.19.0.0/16\"]"), "azureAllowedIpRanges", "198.19.0.0/16", "overlaps 198.18.0.0/15 (benchmarking)"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"224.0.0.0/16\"]"), "azureAllowedIpRanges", "224.0.0.0/16", "overlaps 224.0.0.0/4 (multicast)"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"240.0.0.0/16\"]"), "azureAllowedIpRanges", "240.0.0.0/16", "overlaps 240.0.0.0/4 (reserved)"),
                bad("dev", Map.of("azureAllowedIpRanges", "[\"255.255.255.255\"]"), "azureAllowedIpRanges", "255.255.255.255", "overlaps 240.0.0.0/4 (reserved)"),
                // production refuses the documentation blocks, the examples
                bad("prod", Map.of("azureAllowedIpRanges", "[\"203.0.113.0/24\"]"), "azureAllowedIpRanges", "203.0.113.0/24",
                        "an address range of your own, not an example"),
                bad("prod", Map.of("azureAllowedIpRanges", "[\"198.51.0.0/16\"]"), "azureAllowedIpRanges", "198.51.0.0/16",
                        "overlaps 198.51.100.0/24 (TEST-NET-2)"),
                bad("prod", Map.of("azureAllowedIpRanges", "[\"192.0.2.7\"]"), "azureAllowedIpRanges", "192.0.2.7",
                        "overlaps 192.0.2.0/24 (TEST-NET-1)"),
                bad("dev", Map.of("azureVnetAddressPrefix", "10.250.0.0"), "azureVnetAddressPrefix", "10.250.0.0", "private IPv4 CIDR"),
                bad("dev", Map.of("azureVnetAddressPrefix", "8.8.8.0/24"), "azureVnetAddressPrefix", "8.8.8.0/24", "private IPv4 CIDR"),
                bad("dev", Map.of("azureVnetAddressPrefix", "::ffff:10.250.0.0/24"), "azureVnetAddressPrefix",
                        "::ffff:10.250.0.0/24", "private IPv4 CIDR"),
                bad("prod", Map.of("azureExistingSubnetId", "/subscriptions/x/resourceGroups/rg"), "azureExistingSubnetId",
                        "/subscriptions/x/resourceGroups/rg", "an Azure resource id of type Microsoft.Network/virtualNetworks/subnets"),
                bad("prod", Map.of("azureExistingSubnetId", SUBNET.substring(0, SUBNET.indexOf("/subnets/"))), "azureExistingSubnetId",
                        SUBNET.substring(0, SUBNET.indexOf("/subnets/")), "not Microsoft.Network/virtualNetworks"),
                bad("prod", Map.of("azureExistingSubnetId", ""), "azureExistingSubnetId", null, "a subnet id in production"),
                bad("dev", Map.of("azureSoftDeleteRetentionDays", "99999999999"), "azureSoftDeleteRetentionDays",
                        "99999999999", "a whole number of at most 365"),
                bad("dev", Map.of("azureSoftDeleteRetentionDays", "-99999999999"), "azureSoftDeleteRetentionDays",
                        "-99999999999", "a whole number of at least 7"),
                bad("dev", Map.of("azureSoftDeleteRetentionDays", "30.5"), "azureSoftDeleteRetentionDays", "30.5",
                        "expected a whole number"),
                bad("dev", Map.of("azureExistingSubnetId", SUBNET + " pe"), "azureExistingSubnetId", SUBNET + " pe",
                        "an Azure resource id of type Microsoft.Network/virtualNetworks/subnets"),
                bad("dev", Map.of("azureExistingSubnetId", SUBNET.replace("/rg-net/", "/../")), "azureExistingSubnetId",
                        SUBNET.replace("/rg-net/", "/../"), "an Azure resource id of type Microsoft.Network/virtualNetworks/subnets"),
                bad("dev", Map.of("azureExistingSubnetId", SUBNET.replace("/snet", "/..")), "azureExistingSubnetId",
                        SUBNET.replace("/snet", "/.."), "an Azure resource id of type Microsoft.Network/virtualNetworks/subnets"),
                bad("prod", Map.of("azureExistingLogAnalyticsWorkspaceId", SUBNET), "azureExistingLogAnalyticsWorkspaceId", SUBNET,
                        "Microsoft.OperationalInsights/workspaces"),
                bad("prod", Map.of("azureExistingBlobDnsZoneId", "privatelink.blob.core.windows.net"), "azureExistingBlobDnsZoneId",
                        "privatelink.blob.core.windows.net", "Microsoft.Network/privateDnsZones"),
                bad("dev", Map.of("azureExistingBlobDnsZoneId", DNS_ZONES + "privatelink.vaultcore.azure.net"),
                        "azureExistingBlobDnsZoneId", DNS_ZONES + "privatelink.vaultcore.azure.net",
                        "a private DNS zone named privatelink.blob.core.windows.net"),
                bad("dev", Map.of("azureExistingVaultDnsZoneId", DNS_ZONES + "contoso.com"), "azureExistingVaultDnsZoneId",
                        DNS_ZONES + "contoso.com", "a private DNS zone named privatelink.vaultcore.azure.net"),
                bad("dev", Map.of("azureStorageAccountName", "State_Account"), "azureStorageAccountName", "State_Account", "3-24 lowercase"),
                bad("dev", Map.of("azureStorageAccountName", "averyveryverylongstoragename"), "azureStorageAccountName",
                        "averyveryverylongstoragename", "3-24 lowercase"),
                bad("dev", Map.of("azureKeyVaultName", "1vault"), "azureKeyVaultName", "1vault", "starting with a letter"),
                bad("dev", Map.of("azureKeyVaultName", "kv--state"), "azureKeyVaultName", "kv--state", "single hyphens"),
                bad("dev", Map.of("azureContainerName", "Pulumi_State"), "azureContainerName", "Pulumi_State", "container name"),
                bad("dev", Map.of("azureContainerName", "state--files"), "azureContainerName", "state--files", "single hyphens"),
                bad("dev", Map.of("azureNameSuffix", "AB"), "azureNameSuffix", "AB", "4-13 lowercase"),
                bad("dev", Map.of("azureExistingResourceGroupName", "rg.ends.with."), "azureExistingResourceGroupName", "rg.ends.with.",
                        "not ending in '.'"),
                bad("dev", Map.of("azureLocation", "West Europe"), "azureLocation", "West Europe", "an Azure region name"),
                bad("dev", Map.of("azureKeySize", "2048"), "azureKeySize", "2048", "3072 or 4096"),
                bad("dev", Map.of("azureKeyRotationDays", "7"), "azureKeyRotationDays", "7", "30 to 730"),
                bad("dev", Map.of("azureLogRetentionDays", "10"), "azureLogRetentionDays", "10", "30 to 730"),
                bad("prod", Map.of("azureLogRetentionDays", "30"), "azureLogRetentionDays", "30", "at least 90 days in production"),
                bad("prod", Map.of("azureDeleteLocks", "false"), "azureDeleteLocks", "false", "true in production"),
                bad("dev", Map.of("azureDeleteLocks", "no"), "azureDeleteLocks", "no", "true or false"),
                bad("prod", Map.of("azureBackupEnabled", "false"), "azureBackupEnabled", "false", "true in production"),
                bad("prod", Map.of("azureBackupRetentionDays", "14"), "azureBackupRetentionDays", "14", "at least 30 days in production"),
                bad("dev", Map.of("azureBackupRetentionDays", "3"), "azureBackupRetentionDays", "3", "7 to 3650"),
                bad("dev", Map.of("azureBackupImmutability", "Disabled"), "azureBackupImmutability", "Disabled", "one of Unlocked, Locked"),
                bad("dev", Map.of("azureBackupSoftDeleteDays", "7"), "azureBackupSoftDeleteDays", "7", "14 to 180"),
                bad("prod", Map.of("protect", "false"), "protect", "false", "true in production"),
                bad("dev", Map.of("profile", "staging"), "profile", "staging", "production or development"),
                bad("dev", Map.of("azureSkuNmae", "Standard_GRS"), "azureSkuNmae", "Standard_GRS", "no such setting"),
                bad("dev", Map.of("azureEnabled", "false", "awsEnabled", "false"), "azureEnabled", "false", "at least one cloud must be on"));
    }

    private static Arguments bad(String stack, Map<String, String> changes, String key, String value, String expectation) {
        return Arguments.of(stack + ": " + key + "=" + value, stack, changes, key, value, expectation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badValueStopsTheProgramWithOneLineAndDeclaresNothing(String title, String stack, Map<String, String> changes,
                                                               String key, String value, String expectation) {
        SettingsException error = assertRejectedSetting(Stacks.runWith(stack, changes), "state-backend:" + key, value);
        assertTrue(error.getMessage().contains(expectation), error.getMessage());
    }

    /**
     * The limits' other side: a /16 is a range an organisation may own, public addresses either side of each block that
     * is not public are let through (and documentation ranges outside production), development may trust its own
     * account, and a DNS zone's name is the same zone in any letter case.
     */
    @Test
    void theWidestRangeAnAccountRootOutsideProductionAndAZoneNameInOtherCaseAreAccepted() {
        assertTrue(Stacks.runWith("dev", Map.of("azureAllowedIpRanges", "[\"198.51.0.0/16\",\"1.0.0.0/16\","
                + "\"9.255.255.252/30\",\"11.0.0.0/16\",\"100.63.255.255\",\"100.128.0.0/16\",\"126.255.0.0/16\","
                + "\"128.0.0.0/16\",\"169.253.255.255\",\"169.255.0.0/16\",\"172.15.255.255\",\"172.32.0.0/16\","
                + "\"191.255.255.255\",\"192.0.1.0/24\",\"192.167.255.255\",\"192.169.0.0/16\",\"198.17.255.255\","
                + "\"198.20.0.0/16\",\"223.255.255.255\"]"))
                .error().isEmpty(), "the public addresses on either side of each block that is not, and in development "
                + "a range around a documentation block");
        assertTrue(Stacks.runWith("dev", Map.of("awsStatePrincipalArns", "[\"arn:aws:iam::406918273541:root\"]"))
                .error().isEmpty());
        assertTrue(Stacks.runWith("dev", Map.of("awsStateReaderPrincipalArns", "[\"arn:aws:iam::406918273541:root\"]"))
                .error().isEmpty());
        assertTrue(Stacks.runWith("dev", Map.of("azureExistingBlobDnsZoneId", DNS_ZONES + "Privatelink.Blob.Core.Windows.Net"))
                .error().isEmpty());
        String asAzureSpellsIt = DNS_ZONES.replace("/resourceGroups/", "/resourcegroups/").replace("/subscriptions/", "/SUBSCRIPTIONS/");
        assertEquals(Optional.empty(), Stacks.runWith("dev", Map.of("azureExistingBlobDnsZoneId",
                asAzureSpellsIt + "privatelink.blob.core.windows.net")).error(), "an id's fixed words in any letter case");
    }

    @ParameterizedTest
    @ValueSource(strings = {"state-backed", "state_backend", "statebackend", "State-Backend", "stat-backends"})
    void aKeyInANamespaceALetterOrTwoFromTheProjectsIsRefused(String namespace) {
        PlanResult run = Stacks.runWith("dev", Map.of(namespace + ":azureSkuName", "Standard_LRS"));
        SettingsException error = assertRejectedSetting(run, namespace + ":azureSkuName", "Standard_LRS");
        assertTrue(error.getMessage().endsWith("expected a key in the state-backend namespace: " + namespace
                + " is taken for a misspelling of it"), error.getMessage());
    }

    @Test
    void otherNamespacesAreLeftToTheirOwners() {
        assertEquals(Optional.empty(), Stacks.runWith("dev", Map.of("consumer:apiToken", "t", "azure-native:location",
                "westeurope", "aws:region", "eu-west-1", "state-bucket:x", "y")).error());
    }

    @Test
    void aValueWithALineBreakIsShownEscapedOnTheOneLine() {
        PlanResult run = Stacks.runWith("dev", Map.of("azureStorageAccountName", "ab\ncd"));
        String message = run.error().orElseThrow().getMessage();
        assertTrue(message.startsWith("state-backend:azureStorageAccountName: got \"ab\\ncd\"; expected "), message);
        assertFalse(message.contains("\n"), message);
        assertNoCloudResources(run);
    }

    @Test
    void theRunnerReportsABadSettingAsItsMessageAlone() {
        assertInstanceOf(com.pulumi.exceptions.RunException.class, new SettingsException("k", "v", "e"));
    }

    @Test
    void realStackFilesLoad() {
        Settings prod = SettingsLoader.load(Stacks.config("prod"));
        assertEquals(Profile.PRODUCTION, prod.profile());
        assertTrue(prod.protect());
        AzureSettings azure = prod.azure().orElseThrow();
        assertEquals("Standard_RAGZRS", azure.storage().skuName());
        assertEquals(30, azure.storage().softDeleteRetentionDays());
        assertEquals(90, azure.storage().noncurrentVersionRetentionDays());
        assertEquals("snet-private-endpoints", azure.network().existingSubnetId().orElseThrow().name());
        AzureSettings.Backup backup = azure.backup().orElseThrow();
        assertEquals(30, backup.retentionDays());
        assertEquals("Unlocked", backup.immutability());
        assertEquals(14, backup.softDeleteDays());
        assertEquals(Optional.of("eu-central-1"), prod.aws().orElseThrow().replicaRegion());

        Settings dev = SettingsLoader.load(Stacks.file("dev"));
        assertEquals(Profile.DEVELOPMENT, dev.profile());
        assertFalse(dev.protect());
        assertEquals("Standard_LRS", dev.azure().orElseThrow().storage().skuName());
        assertFalse(dev.azure().orElseThrow().protection().deleteLocks());
        assertEquals(Optional.empty(), dev.azure().orElseThrow().network().existingSubnetId());
        assertEquals(Optional.empty(), dev.aws().orElseThrow().replicaRegion());
    }

    @Test
    void theShippedProdFileIsRefusedUntilItsExamplesAreReplacedAndDevelopmentTakesExamples() {
        SettingsException shipped = assertThrows(SettingsException.class, () -> SettingsLoader.load(Stacks.file("prod")));
        assertTrue(shipped.getMessage().startsWith("state-backend:azureExistingSubnetId: got \"/subscriptions/00000000-"),
                shipped.getMessage());
        Settings dev = SettingsLoader.load(Stacks.withChanges(Stacks.file("dev"), Map.of(
                "azureStateUserObjectIds", "[\"11111111-1111-1111-1111-111111111111\"]",
                "awsStatePrincipalArns", "[\"arn:aws:iam::123456789012:role/pulumi-state-users\"]",
                "azureExistingSubnetId", SUBNET)));
        assertEquals(List.of("11111111-1111-1111-1111-111111111111"), dev.azure().orElseThrow().access().stateUserObjectIds());
    }

    @Test
    void developmentMayRelaxCostAndTeardownKnobs() {
        Map<String, String> relaxed = new HashMap<>(Map.of("azureSkuName", "Standard_ZRS", "azureBackupEnabled", "false",
                "azureDeleteLocks", "false", "protect", "false", "azureStateUserObjectIds", "[]", "awsStatePrincipalArns", "[]"));
        Settings dev = SettingsLoader.load(Stacks.withChanges(Stacks.file("dev"), relaxed));
        assertEquals(Optional.empty(), dev.azure().orElseThrow().backup());
        assertEquals("Standard_ZRS", dev.azure().orElseThrow().storage().skuName());
    }

    @Test
    void eitherCloudCanBeSwitchedOff() {
        assertTrue(SettingsLoader.load(Stacks.withChanges(Stacks.file("dev"), Map.of("awsEnabled", "false"))).aws().isEmpty());
        assertTrue(SettingsLoader.load(Stacks.withChanges(Stacks.file("dev"), Map.of("azureEnabled", "false"))).azure().isEmpty());
    }

    @Test
    void settingsOfASwitchedOffCloudAreNotValidated() {
        Settings settings = SettingsLoader.load(Stacks.withChanges(Stacks.file("dev"),
                Map.of("awsEnabled", "false", "awsRegion", "nowhere")));
        assertTrue(settings.aws().isEmpty());
    }

    @Test
    void listsAreImmutable() {
        AzureSettings azure = SettingsLoader.load(Stacks.config("prod")).azure().orElseThrow();
        assertThrows(UnsupportedOperationException.class, () -> azure.access().stateUserObjectIds().add("x"));
    }
}
