package io.statebackend.azure;

import com.pulumi.azurenative.authorization.outputs.GetClientConfigResult;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.statebackend.settings.AzureSettings;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What every concern of the Azure store shares: the component that parents its resources, where they go, who deploys
 * them, whether state-holding resources are protected, and the day of the run (from which keys created now expire).
 */
record AzureScope(
        AzureStateStore component,
        AzureSettings settings,
        Output<String> resourceGroupName,
        Output<GetClientConfigResult> client,
        Naming names,
        boolean protect,
        Map<String, String> tags,
        LocalDate today) {

    String location() {
        return settings.location();
    }

    Output<String> subscriptionId() {
        return client.applyValue(GetClientConfigResult::subscriptionId);
    }

    Output<String> tenantId() {
        return client.applyValue(GetClientConfigResult::tenantId);
    }

    /** Options for a resource that can be re-created without losing anything. */
    CustomResourceOptions child(Resource... dependsOn) {
        return CustomResourceOptions.builder().parent(component).dependsOn(List.of(dependsOn)).build();
    }

    /** Options for a resource that holds state or the keys to it: protected when the stack says so. */
    CustomResourceOptions stateful(Resource... dependsOn) {
        return CustomResourceOptions.builder().parent(component).dependsOn(List.of(dependsOn)).protect(protect).build();
    }
}
