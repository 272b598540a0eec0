package io.statebackend.azure;

import com.pulumi.azurenative.Utilities;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;
import io.statebackend.common.ResourceTokens;

/**
 * Declares an azure-native resource (same type token, same typed arguments, so the engine, the provider and a policy
 * pack see exactly what the generated class would send) but reads back only its name and id.
 *
 * <p>Why: Pulumi Java 1.36.1 cannot read the provider's reply for resources whose outputs contain a union of two
 * object types, such as {@code BackupPolicy.properties.policyRules} and
 * {@code BackupInstance.properties.policyInfo.policyParameters.backupDatasourceParametersList}. Its converter only
 * takes a union branch the JSON object is already an instance of, which an object never is, then fails on the null
 * it gets back, and the whole program stops. The generated classes declare those outputs; this class does not.
 * {@code AzureSdkLimitationTest} shows the failure and that this works around it.
 */
final class NameOnlyResource extends CustomResource {

    @Export(name = "name", refs = {String.class}, tree = "[0]")
    private Output<String> name;

    /** Declares what {@code generatedClass} would, under the type token the provider SDK gives that class. */
    NameOnlyResource(Class<? extends CustomResource> generatedClass, String name, ResourceArgs args,
                     CustomResourceOptions options) {
        super(ResourceTokens.of(generatedClass), name, args, CustomResourceOptions.merge(options,
                CustomResourceOptions.builder().version(Utilities.getVersion()).build()));
    }

    Output<String> name() {
        return name;
    }
}
