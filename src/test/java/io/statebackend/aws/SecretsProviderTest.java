package io.statebackend.aws;

import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Records;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.statebackend.aws.AwsPlan.ALIAS;
import static io.statebackend.aws.AwsPlan.KEY;
import static io.statebackend.aws.AwsPlan.dev;
import static io.statebackend.aws.AwsPlan.prod;
import static io.statebackend.testing.PlanAssertions.assertProtected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        ResourceRecord alias = prod().get(ALIAS, "secrets-key-alias");
        assertEquals("alias/pulumi-secrets-prod", alias.input("name"));
        assertProtected(alias);
        assertEquals("alias/pulumi-secrets-dev", dev().get(ALIAS, "secrets-key-alias").input("name"));
        assertThrows(AssertionError.class, () -> assertProtected(Records.unprotected(alias)));
    }

    @Test
    void theSecretsProviderUrlNamesTheAliasAndRegion() {
        assertEquals("awskms://alias/pulumi-secrets-prod?region=eu-west-1", prod().outputs().get("awsSecretsProvider"));
    }
}
