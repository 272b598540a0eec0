package io.statebackend.aws;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.GetCallerIdentityArgs;
import com.pulumi.aws.inputs.GetPartitionArgs;
import com.pulumi.aws.outputs.GetCallerIdentityResult;
import com.pulumi.aws.outputs.GetPartitionResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.deployment.Deployment;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.statebackend.settings.AwsSettings;
import io.statebackend.common.BackendLayout;
import io.statebackend.common.StoreOptions;
import io.statebackend.common.StoreTags;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.annotation.Nullable;

/**
 * A hardened S3 backend for Pulumi state. Each concern lives in its own class: {@link Kms} (bucket key),
 * {@link StateBucket} with {@link HardenedBucket}, {@link BucketPolicies}, {@link Lifecycle}, {@link Logging},
 * {@link Replication}, {@link Access}, {@link SecretsProvider} and {@link Naming}. Every resource is created through
 * an explicit provider for its region, never the ambient {@code aws:region}.
 */
public final class AwsStateStore extends ComponentResource {

    public static final String TYPE = "state-backend:aws:StateStore";

    /** {@code s3://<bucket>?region=<region>&awssdk=v2}, the URL {@code pulumi login} takes. */
    public final Output<String> backendUrl;
    /** {@code awskms://alias/<alias>?region=<region>}, the {@code --secrets-provider} for stacks. */
    public final Output<String> secretsProvider;
    public final Output<String> loginCommand;
    public final Output<String> bucketName;
    public final Output<String> bucketArn;
    public final Output<String> kmsKeyArn;
    public final Output<String> stateAccessPolicyArn;
    public final Output<String> stateAccessPolicyJson;
    public final Output<String> stateReadPolicyArn;
    public final Output<String> stateReadPolicyJson;
    /** Present only when the stack sets {@code awsReplicaRegion}. */
    public final Optional<Output<String>> replicaBucketName;

    /**
     * @param settings the validated AWS settings: the store's args
     * @param options  {@code protect} applies to the resources that hold state or the keys to it (not to the
     *                 component itself, nor to what can be re-created without loss); {@code parent} as to any
     *                 component. The store makes its own provider for each region it uses ({@code awsRegion},
     *                 {@code awsReplicaRegion}), so that no resource depends on ambient configuration: an aws
     *                 provider given here is refused rather than silently left unused
     */
    public AwsStateStore(String name, AwsSettings settings, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, null, StoreOptions.forComponent(options));
        if (options != null && Stream.concat(options.getProviders().stream(), options.getProvider().stream())
                .anyMatch(Provider.class::isInstance)) {
            throw new IllegalArgumentException("AwsStateStore " + name + " takes no aws provider in its options: it"
                    + " makes one per region it uses; choose them with awsRegion and awsReplicaRegion");
        }
        boolean protect = StoreOptions.protect(options);
        String project = Deployment.getInstance().getProjectName();
        String stack = Deployment.getInstance().getStackName();
        Provider primary = regionProvider("aws-primary", settings.region());
        var invoke = new InvokeOptions(this, primary, null);
        Output<String> accountId = AwsFunctions.getCallerIdentity(GetCallerIdentityArgs.Empty, invoke)
                .applyValue(GetCallerIdentityResult::accountId);
        Output<String> partition = AwsFunctions.getPartition(GetPartitionArgs.Empty, invoke)
                .applyValue(GetPartitionResult::partition);
        var scope = new AwsScope(this, settings, primary, settings.region(), accountId, partition,
                Naming.of(settings, accountId, project, stack), protect, StoreTags.of(project, stack));

        var bucketKey = new Kms(scope, "state-key", scope.names().bucketKeyAlias(),
                "Encrypts Pulumi state in the state bucket (SSE-KMS)", true);
        var state = new StateBucket(scope, bucketKey);
        var secrets = new SecretsProvider(scope);
        new Logging(scope, state);
        Optional<Replication> replication = settings.replicaRegion().map(replicaRegion -> new Replication(
                scope.inRegion(regionProvider("aws-replica", replicaRegion), replicaRegion), scope, state, bucketKey));
        var access = new Access(scope, state, bucketKey, secrets);

        this.bucketName = state.bucket.name();
        this.bucketArn = state.bucket.arn();
        this.kmsKeyArn = bucketKey.arn();
        this.backendUrl = bucketName.applyValue(bucket -> "s3://" + bucket + "?region=" + settings.region() + "&awssdk=v2");
        this.loginCommand = backendUrl.applyValue(BackendLayout::loginCommand);
        this.secretsProvider = secrets.url;
        this.stateAccessPolicyArn = access.policy.arn();
        this.stateAccessPolicyJson = access.document;
        this.stateReadPolicyArn = access.readPolicy.arn();
        this.stateReadPolicyJson = access.readDocument;
        this.replicaBucketName = replication.map(Replication::replicaBucketName);

        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        outputs.put("backendUrl", backendUrl);
        outputs.put("secretsProvider", secretsProvider);
        outputs.put("bucketArn", bucketArn);
        outputs.put("stateAccessPolicyArn", stateAccessPolicyArn);
        outputs.put("stateReadPolicyArn", stateReadPolicyArn);
        replicaBucketName.ifPresent(replica -> outputs.put("replicaBucketName", replica));
        registerOutputs(outputs);
    }

    /** An explicit provider pinned to one region, so nothing depends on the deployer's ambient configuration. */
    private Provider regionProvider(String name, String region) {
        return new Provider(name, ProviderArgs.builder().region(region).build(),
                CustomResourceOptions.builder().parent(this).build());
    }
}
