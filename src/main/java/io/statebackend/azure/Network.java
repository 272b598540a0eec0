package io.statebackend.azure;

import com.pulumi.azurenative.network.PrivateDnsZoneGroup;
import com.pulumi.azurenative.network.PrivateDnsZoneGroupArgs;
import com.pulumi.azurenative.network.PrivateEndpoint;
import com.pulumi.azurenative.network.PrivateEndpointArgs;
import com.pulumi.azurenative.network.PrivateZone;
import com.pulumi.azurenative.network.PrivateZoneArgs;
import com.pulumi.azurenative.network.Subnet;
import com.pulumi.azurenative.network.VirtualNetwork;
import com.pulumi.azurenative.network.VirtualNetworkArgs;
import com.pulumi.azurenative.network.VirtualNetworkLink;
import com.pulumi.azurenative.network.VirtualNetworkLinkArgs;
import com.pulumi.azurenative.network.enums.VirtualNetworkPrivateEndpointNetworkPolicies;
import com.pulumi.azurenative.network.inputs.AddressSpaceArgs;
import com.pulumi.azurenative.network.inputs.PrivateDnsZoneConfigArgs;
import com.pulumi.azurenative.network.inputs.PrivateLinkServiceConnectionArgs;
import com.pulumi.azurenative.network.inputs.SubResourceArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import io.statebackend.settings.AzureResourceId;
import io.statebackend.settings.AzureSettings;

import java.util.Optional;

/**
 * The only network path to state and its keys: private endpoints for the blob service (CIS Azure 9.3.2.1) and the Key
 * Vault (CIS Azure v2.0.0 8.7), with private DNS so the usual host names resolve to them inside the network.
 */
final class Network {

    static final String BLOB_ZONE = AzureSettings.Network.BLOB_ZONE;
    static final String VAULT_ZONE = AzureSettings.Network.VAULT_ZONE;

    private final AzureScope scope;
    private final Output<String> subnetId;
    private final Output<String> vnetId;

    Network(AzureScope scope, Account account, Encryption encryption) {
        this.scope = scope;
        AzureSettings.Network settings = scope.settings().network();
        if (settings.existingSubnetId().isPresent()) {
            AzureResourceId subnet = settings.existingSubnetId().get();
            this.subnetId = Output.of(subnet.value());
            this.vnetId = Output.of(subnet.parentId().orElseThrow());
        } else {
            var vnet = new VirtualNetwork("state-vnet", VirtualNetworkArgs.builder()
                    .resourceGroupName(scope.resourceGroupName())
                    .virtualNetworkName("vnet-pulumi-state")
                    .location(scope.location())
                    .addressSpace(AddressSpaceArgs.builder().addressPrefixes(settings.vnetAddressPrefix()).build())
                    .tags(scope.tags())
                    // The subnet is its own resource; without this every update would try to remove it.
                    .build(), CustomResourceOptions.builder().parent(scope.component()).ignoreChanges("subnets").build());
            var subnet = new Subnet("state-endpoints-subnet", com.pulumi.azurenative.network.SubnetArgs.builder()
                    .resourceGroupName(scope.resourceGroupName())
                    .virtualNetworkName(vnet.name())
                    .subnetName("snet-private-endpoints")
                    .addressPrefix(settings.vnetAddressPrefix())
                    .privateEndpointNetworkPolicies(VirtualNetworkPrivateEndpointNetworkPolicies.Enabled)
                    .build(), scope.child());
            this.subnetId = subnet.id();
            this.vnetId = vnet.id();
        }
        endpoint("blob", account.account.id(), BLOB_ZONE, settings.existingBlobDnsZoneId());
        endpoint("vault", encryption.vault.id(), VAULT_ZONE, settings.existingVaultDnsZoneId());
    }

    /**
     * "Disabled" unless the stack names IP ranges: Azure ignores firewall IP rules while public network access is
     * disabled, so the allow-list escape hatch must turn it on (the default action stays Deny).
     */
    static String publicNetworkAccess(AzureSettings.Network settings) {
        return settings.allowedIpRanges().isEmpty() ? "Disabled" : "Enabled";
    }

    private void endpoint(String groupId, Output<String> target, String zoneName,
                                     Optional<AzureResourceId> existingZone) {
        var endpoint = new PrivateEndpoint("state-" + groupId + "-endpoint", PrivateEndpointArgs.builder()
                .resourceGroupName(scope.resourceGroupName())
                .privateEndpointName("pe-pulumi-state-" + groupId)
                .location(scope.location())
                .subnet(com.pulumi.azurenative.network.inputs.SubnetArgs.builder().id(subnetId).build())
                .privateLinkServiceConnections(PrivateLinkServiceConnectionArgs.builder()
                        .name(groupId)
                        .privateLinkServiceId(target)
                        .groupIds(groupId)
                        .build())
                .tags(scope.tags())
                .build(), scope.child());
        Output<String> zoneId = existingZone.map(id -> Output.of(id.value())).orElseGet(() -> createdZone(groupId, zoneName));
        new PrivateDnsZoneGroup("state-" + groupId + "-dns", PrivateDnsZoneGroupArgs.builder()
                .resourceGroupName(scope.resourceGroupName())
                .privateEndpointName(endpoint.name())
                .privateDnsZoneGroupName("default")
                .privateDnsZoneConfigs(PrivateDnsZoneConfigArgs.builder().name(groupId).privateDnsZoneId(zoneId).build())
                .build(), scope.child());
    }

    /** A zone created here is linked to the endpoints' VNet; an existing zone is assumed linked by its owners. */
    private Output<String> createdZone(String groupId, String zoneName) {
        var zone = new PrivateZone("state-" + groupId + "-zone", PrivateZoneArgs.builder()
                .resourceGroupName(scope.resourceGroupName())
                .privateZoneName(zoneName)
                .location("Global")
                .tags(scope.tags())
                .build(), scope.child());
        new VirtualNetworkLink("state-" + groupId + "-zone-link", VirtualNetworkLinkArgs.builder()
                .resourceGroupName(scope.resourceGroupName())
                .privateZoneName(zone.name())
                .virtualNetworkLinkName("link-pulumi-state-" + groupId)
                .location("Global")
                .virtualNetwork(SubResourceArgs.builder().id(vnetId).build())
                .registrationEnabled(false)
                .tags(scope.tags())
                .build(), scope.child());
        return zone.id();
    }
}
