package io.statebackend.iam;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "nothing allowed to everyone" check that the bucket, key, logging and replication tests rely on (AWS FSBP S3.2,
 * S3.3): it fails on every form of an Allow to {@code *}, and a Deny to everyone, which is how the policies refuse
 * insecure transport, passes.
 */
class PolicyJsonTest {

    @ParameterizedTest(name = "Principal {0}")
    @ValueSource(strings = {"\"*\"", "{\"AWS\": \"*\"}", "{\"AWS\": [\"arn:aws:iam::111122223333:root\", \"*\"]}",
            "{\"Service\": \"*\"}"})
    void anAllowToEveryoneFails(String principal) {
        PolicyJson policy = policyWith("Allow", principal);
        AssertionError error = assertThrows(AssertionError.class, policy::assertNoAllowToEveryone);
        assertTrue(error.getMessage().contains("statement Everyone allows"), error.getMessage());
    }

    @ParameterizedTest(name = "Principal {0}")
    @ValueSource(strings = {"\"*\"", "{\"AWS\": \"*\"}"})
    void aDenyToEveryonePasses(String principal) {
        policyWith("Deny", principal).assertNoAllowToEveryone();
    }

    @ParameterizedTest(name = "Principal {0}")
    @ValueSource(strings = {"{\"AWS\": \"arn:aws:iam::111122223333:root\"}", "{\"Service\": \"logging.s3.amazonaws.com\"}"})
    void anAllowToNamedPrincipalsPasses(String principal) {
        policyWith("Allow", principal).assertNoAllowToEveryone();
    }

    private static PolicyJson policyWith(String effect, String principal) {
        return PolicyJson.parse("""
                {"Version": "2012-10-17", "Statement": [{"Sid": "Everyone", "Effect": "%s", "Principal": %s,
                 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}]}""".formatted(effect, principal));
    }
}
