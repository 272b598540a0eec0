package io.statebackend.iam;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.statebackend.iam.ConditionOperator.BOOL;
import static io.statebackend.iam.ConditionOperator.NULL;
import static io.statebackend.iam.ConditionOperator.STRING_NOT_EQUALS_IF_EXISTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PolicyDocumentTest {

    @Test
    void serialisesVersionFirstAndStatementFieldsInAFixedOrder() {
        var document = PolicyDocument.of(Statement.deny("DenyInsecureTransport")
                .principals(Principals.anyone())
                .actions("s3:*")
                .resources("arn:aws:s3:::b", "arn:aws:s3:::b/*")
                .when(BOOL, "aws:SecureTransport", "false")
                .build());

        assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\","
                + "\"Principal\":\"*\",\"Action\":[\"s3:*\"],\"Resource\":[\"arn:aws:s3:::b\",\"arn:aws:s3:::b/*\"],"
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":[\"false\"]}}}]}", document.toJson());
    }

    @Test
    void identityPolicyStatementsLeaveOutPrincipalAndCondition() {
        var json = PolicyDocument.of(Statement.allow("ListStateBucket").actions("s3:ListBucket")
                .resources("arn:aws:s3:::b").build()).toJson();

        assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ListStateBucket\",\"Effect\":\"Allow\","
                + "\"Action\":[\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::b\"]}]}", json);
    }

    @Test
    void namedPrincipalsAreGroupedByKind() {
        var json = PolicyDocument.of(Statement.allow("A").principals(Principals.aws("arn:aws:iam::123456789012:root"))
                .actions("kms:*").resources("*").build(),
                Statement.allow("B").principals(Principals.service("logging.s3.amazonaws.com"))
                        .actions("s3:PutObject").resources("arn:aws:s3:::l/*").build()).toJson();

        assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::123456789012:root\"]},"
                + "\"Action\":[\"kms:*\"],\"Resource\":[\"*\"]},"
                + "{\"Sid\":\"B\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"logging.s3.amazonaws.com\"]},"
                + "\"Action\":[\"s3:PutObject\"],\"Resource\":[\"arn:aws:s3:::l/*\"]}]}", json);
    }

    @Test
    void conditionsOnTheSameOperatorShareOneBlockInTheOrderGiven() {
        var statement = Statement.deny("DenyOtherKeys").principals(Principals.anyone()).actions("s3:PutObject")
                .resources("arn:aws:s3:::b/*")
                .when(Condition.present("k1"))
                .when(STRING_NOT_EQUALS_IF_EXISTS, "k1", "v")
                .when(Condition.present("k2"))
                .build();

        assertEquals("{\"Null\":{\"k1\":[\"false\"],\"k2\":[\"false\"]},\"StringNotEqualsIfExists\":{\"k1\":[\"v\"]}}",
                PolicyDocument.of(statement).toJson().replaceAll(".*\"Condition\":(\\{.*\\})}]}$", "$1"));
    }

    @Test
    void theSameOperatorAndKeyTwiceIsRefusedRatherThanSilentlyOverwritten() {
        var statement = Statement.deny("Twice").actions("s3:PutObject").resources("*")
                .when(NULL, "k", "false").when(NULL, "k", "true").build();

        assertThrows(IllegalStateException.class, () -> PolicyDocument.of(statement).toJson());
    }

    @Test
    void malformedDocumentsAreRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> PolicyDocument.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Statement.allow("NoActions").resources("*").build());
        assertThrows(IllegalArgumentException.class, () -> Statement.allow("Bad sid").actions("s3:GetObject").build());
        assertThrows(IllegalArgumentException.class, () -> Principals.aws(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Condition.of(BOOL, "aws:SecureTransport"));
        var a = Statement.allow("Same").actions("s3:GetObject").resources("*").build();
        assertThrows(IllegalArgumentException.class, () -> PolicyDocument.of(a, a));
    }
}
