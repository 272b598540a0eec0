package io.statebackend.aws;

import com.pulumi.aws.Provider;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.statebackend.settings.AwsSettings;

import java.util.List;
import java.util.Map;

/**
 * What every concern of the AWS store shares: the component that parents its resources, the explicit provider (and so
 * the region) they are created with, the account and partition they live in, and whether state-holding resources are
 * protected. The program never relies on an ambient {@code aws:region}: each scope names its region.
 */
record AwsScope(
        AwsStateStore component,
        AwsSettings settings,
        Provider provider,
        String region,
        Output<String> accountId,
        Output<String> partition,
        Naming names,
        boolean protect,
        Map<String, String> tags) {

    /** The same store in another region (the replica's), through that region's provider. */
    AwsScope inRegion(Provider otherProvider, String otherRegion) {
        return new AwsScope(component, settings, otherProvider, otherRegion, accountId, partition, names, protect, tags);
    }

    /** The condition key that names the AWS service calling KMS on a principal's behalf. */
    static final String KMS_VIA_SERVICE = "kms:ViaService";

    /** {@code s3.<region>.amazonaws.com}: the value of {@code kms:ViaService} when S3 calls KMS in this region. */
    String s3ServiceEndpoint() {
        return s3ServiceEndpoint(region);
    }

    static String s3ServiceEndpoint(String region) {
        return "s3." + region + ".amazonaws.com";
    }

    /** Options for a resource that can be re-created without losing anything. */
    CustomResourceOptions child(Resource... dependsOn) {
        return CustomResourceOptions.builder().parent(component).provider(provider).dependsOn(List.of(dependsOn)).build();
    }

    /** Options for a resource that holds state, its history, or the keys to it: protected when the stack says so. */
    CustomResourceOptions stateful(Resource... dependsOn) {
        return CustomResourceOptions.builder().parent(component).provider(provider).dependsOn(List.of(dependsOn))
                .protect(protect).build();
    }
}
