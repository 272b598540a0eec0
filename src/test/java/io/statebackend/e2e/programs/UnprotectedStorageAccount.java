package io.statebackend.e2e.programs;

import com.pulumi.Pulumi;
import com.pulumi.azurenative.storage.StorageAccount;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.resources.StackOptions;
import io.statebackend.App;

import java.util.Optional;

/**
 * TEST PROGRAM: the real program with one mandatory control taken away (Pulumi {@code protect} on the state's
 * storage account), as a careless refactor would, so a test can show the policy pack stopping it.
 */
public final class UnprotectedStorageAccount {

    private UnprotectedStorageAccount() {
    }

    public static void main(String[] args) {
        ResourceTransformation unprotect = args1 -> args1.resource() instanceof StorageAccount
                ? Optional.of(new ResourceTransformation.Result(args1.args(), CustomResourceOptions.merge(
                        (CustomResourceOptions) args1.options(), CustomResourceOptions.builder().protect(false).build())))
                : Optional.empty();
        Pulumi.withOptions(StackOptions.builder().resourceTransformations(unprotect).build()).run(App::stack);
    }
}
