package io.statebackend.e2e;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * moto's server on loopback: the S3 and KMS APIs the {@code s3://} backend and the {@code awskms://} secrets provider
 * talk to, for real, with test credentials. The AWS SDK prepares in it what the program's {@code up} would have
 * created in a real account (the stand-in providers create nothing), and reads it back; the AWS CLI beside it runs
 * the runbook's commands, as an operator would.
 */
final class Moto implements AutoCloseable {

    static final String REGION = "eu-west-1";

    /** What moto's IAM enforcement needs before it starts: an administrator and its access key, three calls. */
    private static final int SETUP_CALLS = 3;

    private final Emulator server;
    private String accessKeyId = "testing";
    private String secretAccessKey = "testing";

    private Moto(Emulator server) {
        this.server = server;
    }

    static Moto start(Path dir) {
        return new Moto(Emulator.start("moto", dir, List.of("moto_server", "-H", "127.0.0.1"),
                port -> List.of("-p", String.valueOf(port)), Map.of()));
    }

    /**
     * A moto of its own that authenticates and authorizes every request after the first three, which create the
     * administrator this instance then acts as. moto evaluates identity policies' actions and S3 resources; it
     * checks KMS calls against resource {@code *} only.
     */
    static Moto startEnforcingIam(Path dir) {
        Moto moto = new Moto(Emulator.start("moto-iam", dir, List.of("moto_server", "-H", "127.0.0.1"),
                port -> List.of("-p", String.valueOf(port)),
                Map.of("INITIAL_NO_AUTH_ACTION_COUNT", String.valueOf(SETUP_CALLS))));
        Map<String, String> admin = moto.userWithPolicy("administrator", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""");
        moto.accessKeyId = admin.get("AWS_ACCESS_KEY_ID");
        moto.secretAccessKey = admin.get("AWS_SECRET_ACCESS_KEY");
        return moto;
    }

    /** A new IAM user holding only {@code policy}; its credentials, as environment variables. */
    Map<String, String> userWithPolicy(String user, String policy) {
        try (IamClient iam = client(IamClient.builder())) {
            iam.createUser(r -> r.userName(user));
            iam.putUserPolicy(r -> r.userName(user).policyName("only").policyDocument(policy));
            AccessKey key = iam.createAccessKey(r -> r.userName(user)).accessKey();
            Map<String, String> env = new LinkedHashMap<>(env());
            env.put("AWS_ACCESS_KEY_ID", key.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", key.secretAccessKey());
            return env;
        }
    }

    String endpoint() {
        return server.endpoint();
    }

    /** What go-cloud's s3 driver needs beyond an exported {@code s3://} URL to reach the emulator. */
    String backendQuery() {
        return "endpoint=" + endpoint() + "&use_path_style=true&disable_https=true";
    }

    /** The environment of anything that talks to the emulator: credentials, region, and where KMS is. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", accessKeyId);
        env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_ENDPOINT_URL", endpoint());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    /** The login URL of {@code bucket} as the program exports it, plus the emulator's endpoint parameters. */
    String backendUrl(String bucket) {
        return "s3://" + bucket + "?region=" + REGION + "&awssdk=v2&" + backendQuery();
    }

    /** A new versioned bucket named {@code prefix-<random>}; its login URL. */
    String newStateBackend(String prefix) {
        String bucket = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        createStateBucket(bucket);
        return backendUrl(bucket);
    }

    /** A versioned state bucket, as the program declares it. */
    void createStateBucket(String bucket) {
        try (S3Client s3 = s3()) {
            s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(REGION)));
            s3.putBucketVersioning(r -> r.bucket(bucket)
                    .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
    }

    /** The keys in {@code bucket} under {@code prefix}. */
    List<String> keys(String bucket, String prefix) {
        try (S3Client s3 = s3()) {
            return s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key)
                    .toList();
        }
    }

    /** The version id of the current version of {@code key}. */
    String currentVersion(String bucket, String key) {
        try (S3Client s3 = s3()) {
            return s3.headObject(r -> r.bucket(bucket).key(key)).versionId();
        }
    }

    /**
     * A symmetric key behind {@code alias}, as the program's secrets key; an existing alias is kept (tests running at
     * once may ask for the same one).
     */
    synchronized void createKeyAlias(String alias) {
        try (KmsClient kms = client(KmsClient.builder())) {
            if (kms.listAliases().aliases().stream().anyMatch(a -> a.aliasName().equals(alias))) {
                return;
            }
            String keyId = kms.createKey().keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName(alias).targetKeyId(keyId));
        }
    }

    private S3Client s3() {
        return client(S3Client.builder().forcePathStyle(true));
    }

    /** A client of the emulator, with this instance's credentials. */
    private <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .build();
    }

    @Override
    public void close() {
        server.close();
    }
}
