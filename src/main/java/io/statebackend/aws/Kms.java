package io.statebackend.aws;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import io.statebackend.iam.ConditionOperator;
import io.statebackend.iam.PolicyDocument;
import io.statebackend.iam.Principals;
import io.statebackend.iam.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The customer-managed KMS keys of this store (bucket keys and the secrets key): symmetric, rotated yearly (FSBP
 * KMS.4), a 30-day deletion window (KMS.3: no key deleted unintentionally), and a key policy that keeps the account in
 * control and lets only the configured state principals use the key (KMS.5: no public access).
 */
public final class Kms {

    /** A scheduled key deletion can be cancelled this long (the AWS maximum); the pack holds every stack to it. */
    public static final int DELETION_WINDOW_DAYS = 30;
    /**
     * What a state user does with a key: S3 asks it for data keys (GenerateDataKey) and to unwrap them (Decrypt), the
     * awskms secrets provider wraps and unwraps each stack's data key (Encrypt, Decrypt), and both look the key up.
     * Named, never {@code kms:GenerateDataKey*}: the WithoutPlaintext and key-pair variants are never called.
     */
    static final List<String> STATE_KEY_ACTIONS =
            List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey");
    /** What a state reader does with a key: unwrap data keys, nothing else. */
    static final List<String> STATE_READER_KEY_ACTIONS = List.of("kms:Decrypt");

    final Key key;
    final Alias alias;

    /**
     * @param viaS3 true for a bucket key: the state principals may use it only through S3 in this region
     *              ({@code kms:ViaService}); false for the secrets key, which the Pulumi CLI calls directly
     */
    Kms(AwsScope scope, String name, String aliasName, String description, boolean viaS3) {
        List<String> principals = scope.settings().access().statePrincipalArns();
        List<String> readers = scope.settings().access().stateReaderPrincipalArns();
        Optional<String> viaService = viaS3 ? Optional.of(scope.s3ServiceEndpoint()) : Optional.empty();
        this.key = new Key(name, KeyArgs.builder()
                .description(description)
                .keyUsage("ENCRYPT_DECRYPT")
                .customerMasterKeySpec("SYMMETRIC_DEFAULT")
                // FSBP KMS.4: new key material every year; old material stays to decrypt what it encrypted.
                .enableKeyRotation(true)
                // A key scheduled for deletion can be cancelled for this long; after that, everything it encrypted
                // is lost, so the window is generous.
                .deletionWindowInDays(DELETION_WINDOW_DAYS)
                .policy(Output.tuple(scope.partition(), scope.accountId()).applyValue(t ->
                        keyPolicy(t.t1, t.t2, principals, readers, viaService).toJson()))
                .tags(scope.tags())
                .build(), scope.stateful());
        this.alias = new Alias(name + "-alias", AliasArgs.builder()
                .name(aliasName)
                .targetKeyId(key.keyId())
                .build(), scope.stateful());
    }

    Output<String> arn() {
        return key.arn();
    }

    /**
     * The key policy. The account root statement is AWS's default "enable IAM policies": it keeps the account's
     * administrators able to manage the key (no lock-out) and lets IAM policies grant its use, which the state-access
     * policy and the replication role rely on. S3 needs no statement of its own: SSE-KMS calls KMS with the
     * requester's permissions.
     */
    static PolicyDocument keyPolicy(String partition, String accountId, List<String> statePrincipals,
                                    List<String> readerPrincipals, Optional<String> viaService) {
        List<Statement> statements = new ArrayList<>();
        statements.add(Statement.allow("EnableAccountAdministration")
                .principals(Principals.aws("arn:" + partition + ":iam::" + accountId + ":root"))
                .actions("kms:*")
                .resources("*")
                .build());
        allow(statements, "AllowStatePrincipalsToUseKey", statePrincipals, STATE_KEY_ACTIONS, viaService);
        allow(statements, "AllowStateReadersToDecrypt", readerPrincipals, STATE_READER_KEY_ACTIONS, viaService);
        return PolicyDocument.of(statements);
    }

    /** Lets {@code principals}, when there are any, use the key for {@code actions}, through S3 alone for a bucket key. */
    private static void allow(List<Statement> statements, String sid, List<String> principals, List<String> actions,
                              Optional<String> viaService) {
        if (principals.isEmpty()) {
            return;
        }
        var statement = Statement.allow(sid).principals(Principals.aws(principals)).actions(actions).resources("*");
        viaService.ifPresent(service -> statement.when(ConditionOperator.STRING_EQUALS, AwsScope.KMS_VIA_SERVICE, service));
        statements.add(statement.build());
    }
}
