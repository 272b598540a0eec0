package io.statebackend.e2e;

import io.statebackend.process.Command;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * moto's server on loopback: the S3 and KMS APIs the {@code s3://} backend and the {@code awskms://} secrets provider
 * talk to, for real, with test credentials. The AWS CLI beside it prepares what the program's {@code up} would have
 * created in a real account (the stand-in providers create nothing).
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
        awsOk("iam", "create-user", "--user-name", user);
        awsOk("iam", "put-user-policy", "--user-name", user, "--policy-name", "only", "--policy-document", policy);
        String[] key = awsOk("iam", "create-access-key", "--user-name", user, "--query",
                "AccessKey.[AccessKeyId,SecretAccessKey]").stdout().strip().split("\\s+");
        Map<String, String> env = new LinkedHashMap<>(env());
        env.put("AWS_ACCESS_KEY_ID", key[0]);
        env.put("AWS_SECRET_ACCESS_KEY", key[1]);
        return env;
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

    /** Runs the AWS CLI against the emulator. */
    Run aws(String... args) {
        Map<String, String> env = new LinkedHashMap<>(env());
        env.put("PATH", E2e.BIN + ":" + System.getenv("PATH"));
        env.put("HOME", E2e.DIR.toString());
        Command command = Command.of("aws", "--endpoint-url", endpoint(), "--output", "text").args(args).build();
        return Run.of(env, E2e.DIR, command);
    }

    Run awsOk(String... args) {
        Run run = aws(args);
        assertTrue(run.ok(), run::describe);
        return run;
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
        awsOk("s3api", "create-bucket", "--bucket", bucket, "--create-bucket-configuration",
                "LocationConstraint=" + REGION);
        awsOk("s3api", "put-bucket-versioning", "--bucket", bucket, "--versioning-configuration", "Status=Enabled");
    }

    /** A symmetric key behind {@code alias}, as the program's secrets key; an existing alias is kept. */
    void createKeyAlias(String alias) {
        if (awsOk("kms", "list-aliases", "--query", "Aliases[].AliasName").stdout().contains(alias)) {
            return;
        }
        String keyId = awsOk("kms", "create-key", "--query", "KeyMetadata.KeyId").stdout().strip();
        awsOk("kms", "create-alias", "--alias-name", alias, "--target-key-id", keyId);
    }

    @Override
    public void close() {
        server.close();
    }
}
