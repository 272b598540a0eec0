package io.statebackend.aws;

import io.statebackend.mockrun.ResourceRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.statebackend.aws.AwsPlan.ALIAS;
import static io.statebackend.aws.AwsPlan.KEY;
import static io.statebackend.aws.AwsPlan.dev;
import static io.statebackend.aws.AwsPlan.prod;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Control 11: a dedicated, rotating KMS key and alias for Pulumi secrets, exported as an awskms:// URL. */
class SecretsProviderTest {

    @Test
    void secretsHaveTheirOwnRotatingKeyThatThePrincipalsCallDirectly() {
        ResourceRecord key = prod().get(KEY, "secrets-key");
        KmsTest.assertKeyControls(key, true);
        KmsTest.assertKeyPolicy(key, List.of(KmsTest.STATE_USERS), Optional.empty());
    }

    @Test
    void theAliasIsNamedAfterTheStackAndProtected() {
        KmsTest.assertAliasOf(prod().get(ALIAS, "secrets-key-alias"), "alias/pulumi-secrets-prod",
                prod().get(KEY, "secrets-key"));
        assertEquals("alias/pulumi-secrets-dev", dev().get(ALIAS, "secrets-key-alias").input("name"));
    }

    @Test
    void theSecretsProviderUrlNamesTheAliasAndRegion() {
        assertEquals("awskms://alias/pulumi-secrets-prod?region=eu-west-1", prod().outputs().get("awsSecretsProvider"));
    }
}
