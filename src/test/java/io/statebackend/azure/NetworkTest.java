package io.statebackend.azure;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Control;
import io.statebackend.testing.Records;
import io.statebackend.testing.Runs;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.statebackend.azure.AzureTypes.*;
import static org.junit.jupiter.api.Assertions.*;

class NetworkTest {

    static final String HUB_SUBNET = Stacks.ownId("azureExistingSubnetId");
    static final String HUB_VNET = vnetOf(HUB_SUBNET);

    static ResourceRecord endpoint(PlanResult r, String groupId) {
        return r.get(PRIVATE_ENDPOINT, "state-" + groupId + "-endpoint");
    }

    static Control privateEndpoint(String groupId, String targetType, String targetName) {
        return Control.of(groupId.equals("blob") ? "CIS Azure 9.3.2.1" : "CIS Azure v2.0.0 8.7",
                "private endpoint for " + groupId,
                r -> maps(endpoint(r, groupId).input("privateLinkServiceConnections")).stream().anyMatch(c ->
                        List.of(groupId).equals(c.get("groupIds"))
                                && idOf(r, targetType, targetName).equals(c.get("privateLinkServiceId"))))
                                        .inPack("azure-private-endpoint-connection");
    }

    static Control dnsZoneGroup(String groupId, String zone) {
        return Control.of("private DNS", groupId + " endpoint registered in " + zone,
                r -> r.find(DNS_ZONE_GROUP, "state-" + groupId + "-dns").map(g ->
                        endpoint(r, groupId).input("privateEndpointName").equals(g.input("privateEndpointName"))
                                && maps(g.input("privateDnsZoneConfigs")).stream().anyMatch(c ->
                                String.valueOf(c.get("privateDnsZoneId")).endsWith("/privateDnsZones/" + zone)))
                        .orElse(false)).inPack("azure-private-dns-zone-group", "azure-private-endpoint-dns");
    }

    /** A created zone is linked to a VNet, and nothing in that VNet registers its own names in it. */
    static Control zoneLinked(String groupId) {
        return Control.of("private DNS", groupId + " zone linked to a VNet, without auto-registration",
                r -> r.find(DNS_ZONE_LINK, "state-" + groupId + "-zone-link")
                        .map(link -> Boolean.FALSE.equals(link.input("registrationEnabled")))
                        .orElse(false)).inPack("azure-private-dns-zone-vnet-link", "azure-private-dns-link-no-registration");
    }

    /** The VNet a created zone is linked to is the one its endpoint sits in, where the host names must resolve. */
    static Control zoneLinkedWhereTheEndpointIs(String groupId) {
        return Control.of("private DNS", groupId + " zone linked to the endpoint's VNet",
                r -> r.find(DNS_ZONE_LINK, "state-" + groupId + "-zone-link").map(link ->
                        vnetOf(String.valueOf(endpoint(r, groupId).input("subnet.id")))
                                .equals(link.input("virtualNetwork.id")))
                        .orElse(false));
    }

    private static String vnetOf(String subnetId) {
        return subnetId.substring(0, subnetId.indexOf("/subnets/"));
    }

    static final Control BLOB_ENDPOINT = privateEndpoint("blob", ACCOUNT, ACCOUNT_NAME);
    static final Control VAULT_ENDPOINT = privateEndpoint("vault", VAULT, VAULT_NAME);
    static final Control BLOB_DNS = dnsZoneGroup("blob", Network.BLOB_ZONE);
    static final Control VAULT_DNS = dnsZoneGroup("vault", Network.VAULT_ZONE);

    @Test
    void productionReachesStateAndKeysOnlyThroughPrivateEndpointsInTheHubSubnet() {
        for (Control c : List.of(BLOB_ENDPOINT, VAULT_ENDPOINT, BLOB_DNS, VAULT_DNS)) {
            c.assertHolds(Runs.prod());
            c.assertHolds(Runs.dev());
        }
        assertEquals(HUB_SUBNET, endpoint(Runs.prod(), "blob").input("subnet.id"));
        assertEquals(HUB_SUBNET, endpoint(Runs.prod(), "vault").input("subnet.id"));
        assertTrue(Runs.prod().ofType(VNET).isEmpty(), "production uses the existing hub network");
    }

    @Test
    void checksFailWithoutTheEndpointsOrTheirDns() {
        BLOB_ENDPOINT.assertBroken(Records.withInput(Runs.prod(), PRIVATE_ENDPOINT, "state-blob-endpoint",
                "privateLinkServiceConnections", List.of()));
        VAULT_ENDPOINT.assertBroken(Records.withInput(Runs.prod(), PRIVATE_ENDPOINT, "state-vault-endpoint",
                "privateLinkServiceConnections", List.of(Map.of("groupIds", List.of("blob")))));
        BLOB_DNS.assertBroken(Records.without(Runs.prod(), DNS_ZONE_GROUP, "state-blob-dns"));
        VAULT_DNS.assertBroken(Records.withInput(Runs.prod(), DNS_ZONE_GROUP, "state-vault-dns", "privateDnsZoneConfigs", List.of()));
    }

    @Test
    void createdZonesAreLinkedToTheVnetOfTheEndpointSubnet() {
        for (String groupId : List.of("blob", "vault")) {
            for (PlanResult run : List.of(Runs.prod(), Runs.dev())) {
                zoneLinked(groupId).assertHolds(run);
                zoneLinkedWhereTheEndpointIs(groupId).assertHolds(run);
            }
            assertEquals(HUB_VNET, Runs.prod().get(DNS_ZONE_LINK, "state-" + groupId + "-zone-link")
                    .input("virtualNetwork.id"));
        }
        assertEquals(Network.BLOB_ZONE, Runs.prod().get(DNS_ZONE, "state-blob-zone").input("privateZoneName"));
        assertEquals(Network.VAULT_ZONE, Runs.prod().get(DNS_ZONE, "state-vault-zone").input("privateZoneName"));
    }

    @Test
    void checkFailsForAZoneUnlinkedLinkedElsewhereOrRegisteringNames() {
        zoneLinked("blob").assertBroken(Records.without(Runs.prod(), DNS_ZONE_LINK, "state-blob-zone-link"));
        zoneLinkedWhereTheEndpointIs("vault").assertBroken(Records.withInput(Runs.prod(), DNS_ZONE_LINK,
                "state-vault-zone-link", "virtualNetwork.id", HUB_VNET + "-other"));
        zoneLinked("blob").assertBroken(Records.withInput(Runs.prod(), DNS_ZONE_LINK, "state-blob-zone-link",
                "registrationEnabled", true));
    }

    @Test
    void existingZonesAreUsedAsGivenAndNotCreated() {
        String blobZone = "/subscriptions/" + Stacks.ownSubscription() + "/resourceGroups/rg-dns/providers/"
                + "Microsoft.Network/privateDnsZones/" + Network.BLOB_ZONE;
        String vaultZone = "/subscriptions/" + Stacks.ownSubscription() + "/resourceGroups/rg-dns/providers/"
                + "Microsoft.Network/privateDnsZones/" + Network.VAULT_ZONE;
        PlanResult run = Stacks.runWith("prod", Map.of("azureExistingBlobDnsZoneId", blobZone,
                "azureExistingVaultDnsZoneId", vaultZone));
        assertTrue(run.ofType(DNS_ZONE).isEmpty());
        assertTrue(run.ofType(DNS_ZONE_LINK).isEmpty());
        assertEquals(blobZone, maps(run.get(DNS_ZONE_GROUP, "state-blob-dns").input("privateDnsZoneConfigs")).get(0).get("privateDnsZoneId"));
        assertEquals(vaultZone, maps(run.get(DNS_ZONE_GROUP, "state-vault-dns").input("privateDnsZoneConfigs")).get(0).get("privateDnsZoneId"));
    }

    @Test
    void developmentCreatesASmallVnetForTheEndpoints() {
        ResourceRecord vnet = Runs.dev().get(VNET, "state-vnet");
        ResourceRecord subnet = Runs.dev().get(SUBNET, "state-endpoints-subnet");
        assertEquals(List.of("10.250.0.0/24"), vnet.input("addressSpace.addressPrefixes"));
        assertEquals("10.250.0.0/24", subnet.input("addressPrefix"));
        String subnetId = SUBSCRIPTION + "/resourceGroups/rg-pulumi-state-dev/providers/"
                + "Microsoft.Network/virtualNetworks/vnet-pulumi-state/subnets/snet-private-endpoints";
        assertEquals(subnetId, endpoint(Runs.dev(), "blob").input("subnet.id"));
        assertEquals(vnetOf(subnetId),
                Runs.dev().get(DNS_ZONE_LINK, "state-blob-zone-link").input("virtualNetwork.id"));
    }
}
