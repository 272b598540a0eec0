package io.statebackend.azure;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Control;
import io.statebackend.testing.Records;
import io.statebackend.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.statebackend.azure.AzureTypes.*;
import static org.junit.jupiter.api.Assertions.*;

class BlobDataProtectionTest {

    static ResourceRecord blobService(PlanResult r) {
        return r.get(BLOB_SERVICE, "state-blob-service");
    }

    static Map<?, ?> expiryRule(PlanResult r) {
        return maps(r.get(LIFECYCLE, "state-lifecycle").input("policy.rules")).stream()
                .filter(rule -> BlobDataProtection.EXPIRE_NONCURRENT_RULE.equals(rule.get("name")))
                .findFirst().orElse(Map.of());
    }

    static int versionDeleteDays(PlanResult r) {
        Map<?, ?> definition = (Map<?, ?>) expiryRule(r).get("definition");
        if (definition == null || !isTrue(expiryRule(r).get("enabled"))) {
            return -1;
        }
        Object days = ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) definition.get("actions")).get("version")).get("delete"))
                .get("daysAfterCreationGreaterThan");
        return number(days);
    }

    static Control blobSoftDelete(int days) {
        return Control.of("CIS Azure 9.2.1", "blob soft delete for " + days + " days, no permanent delete before",
                r -> isTrue(blobService(r).input("deleteRetentionPolicy.enabled"))
                        && number(blobService(r).input("deleteRetentionPolicy.days")) == days
                        && isFalse(blobService(r).input("deleteRetentionPolicy.allowPermanentDelete")))
                                .inPack("azure-blob-soft-delete");
    }

    static Control containerSoftDelete(int days) {
        return Control.of("CIS Azure 9.2.2", "container soft delete for " + days + " days",
                r -> isTrue(blobService(r).input("containerDeleteRetentionPolicy.enabled"))
                        && number(blobService(r).input("containerDeleteRetentionPolicy.days")) == days)
                                .inPack("azure-container-soft-delete");
    }

    static Control noncurrentVersionsExpire(int days) {
        return Control.of("bounded growth", "noncurrent versions deleted after " + days + " days",
                r -> versionDeleteDays(r) == days).inPack("azure-blob-noncurrent-version-expiry");
    }

    static final Control VERSIONING = Control.of("CIS Azure 9.2.3", "blob versioning on",
            r -> isTrue(blobService(r).input("isVersioningEnabled"))).inPack("azure-blob-versioning");
    static final Control CHANGE_FEED = Control.of("change feed", "change feed on (audit trail; vaulted backup needs it)",
            r -> isTrue(blobService(r).input("changeFeed.enabled"))).inPack("azure-blob-change-feed");

    static Stream<Arguments> controls() {
        PlanResult prod = Runs.prod();
        return Stream.of(
                Arguments.of(VERSIONING, Records.withInput(prod, BLOB_SERVICE, "state-blob-service", "isVersioningEnabled", false)),
                Arguments.of(blobSoftDelete(30), Records.withInput(prod, BLOB_SERVICE, "state-blob-service", "deleteRetentionPolicy.enabled", false)),
                Arguments.of(containerSoftDelete(30), Records.withInput(prod, BLOB_SERVICE, "state-blob-service", "containerDeleteRetentionPolicy", null)),
                Arguments.of(CHANGE_FEED, Records.withInput(prod, BLOB_SERVICE, "state-blob-service", "changeFeed.enabled", false)),
                Arguments.of(noncurrentVersionsExpire(90), Records.withInput(prod, LIFECYCLE, "state-lifecycle", "policy.rules", List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controls")
    void holdsInProduction(Control control, PlanResult withoutControl) {
        control.assertHolds(Runs.prod());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"controls", "eachCondition"})
    void checkFailsWhenTheControlIsRemoved(Control control, PlanResult withoutControl) {
        control.assertBroken(withoutControl);
    }

    /** The checks' other conditions, each broken alone on the real run: no condition joined into a check is idle. */
    static Stream<Arguments> eachCondition() {
        PlanResult prod = Runs.prod();
        return Stream.of(
                Arguments.of(blobSoftDelete(30), Records.withInput(prod, BLOB_SERVICE, "state-blob-service", "deleteRetentionPolicy.days", 7)),
                Arguments.of(blobSoftDelete(30), Records.withInput(prod, BLOB_SERVICE, "state-blob-service",
                        "deleteRetentionPolicy.allowPermanentDelete", true)),
                Arguments.of(containerSoftDelete(30), Records.withInput(prod, BLOB_SERVICE, "state-blob-service", "containerDeleteRetentionPolicy.days", 7)),
                Arguments.of(containerSoftDelete(30), Records.withInput(prod, BLOB_SERVICE, "state-blob-service", "containerDeleteRetentionPolicy.enabled", false)),
                Arguments.of(CHECKPOINT_COPIES_EXPIRE, Records.withInput(prod, LIFECYCLE, "state-lifecycle", "policy.rules.1.definition", null)),
                Arguments.of(CHECKPOINT_COPIES_EXPIRE, Records.withInput(prod, LIFECYCLE, "state-lifecycle", "policy.rules.1.enabled", false)),
                Arguments.of(CHECKPOINT_COPIES_EXPIRE, Records.withInput(prod, LIFECYCLE, "state-lifecycle", "policy.rules.1.definition.filters.prefixMatch",
                        List.of("pulumi-state/"))),
                Arguments.of(CHECKPOINT_COPIES_EXPIRE, Records.withInput(prod, LIFECYCLE, "state-lifecycle",
                        "policy.rules.1.definition.actions.baseBlob.delete.daysAfterModificationGreaterThan", 30)));
    }

    @Test
    void developmentKeepsTheControlsWithShorterRetention() {
        VERSIONING.assertHolds(Runs.dev());
        CHANGE_FEED.assertHolds(Runs.dev());
        blobSoftDelete(7).assertHolds(Runs.dev());
        containerSoftDelete(7).assertHolds(Runs.dev());
        noncurrentVersionsExpire(30).assertHolds(Runs.dev());
    }

    @Test
    void lifecycleRuleTouchesOnlyBlockBlobVersionsAndWaitsForTheBlobService() {
        Map<?, ?> filters = (Map<?, ?>) ((Map<?, ?>) expiryRule(Runs.prod()).get("definition")).get("filters");
        assertEquals(List.of("blockBlob"), filters.get("blobTypes"));
        assertNull(((Map<?, ?>) ((Map<?, ?>) expiryRule(Runs.prod()).get("definition")).get("actions")).get("baseBlob"),
                "the rule must never delete current state");
        assertEquals(List.of(BLOB_SERVICE + "::state-blob-service"), Runs.prod().get(LIFECYCLE, "state-lifecycle").dependsOn());
    }

    static Map<?, ?> backupsRule(PlanResult r) {
        return maps(r.get(LIFECYCLE, "state-lifecycle").input("policy.rules")).stream()
                .filter(rule -> BlobDataProtection.EXPIRE_BACKUPS_RULE.equals(rule.get("name")))
                .findFirst().orElse(Map.of());
    }

    static final Control CHECKPOINT_COPIES_EXPIRE = Control.of("bounded growth",
            "the CLI's .pulumi/backups/ copies in the state container expire with the versions",
            r -> {
                Map<?, ?> definition = (Map<?, ?>) backupsRule(r).get("definition");
                return definition != null && isTrue(backupsRule(r).get("enabled"))
                        && List.of("pulumi-state/.pulumi/backups/").equals(((Map<?, ?>) definition.get("filters")).get("prefixMatch"))
                        && number(((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) definition.get("actions")).get("baseBlob")).get("delete"))
                        .get("daysAfterModificationGreaterThan")) == 90;
            });

    @Test
    void checkpointCopiesExpireButNothingElseThatIsCurrent() {
        CHECKPOINT_COPIES_EXPIRE.assertHolds(Runs.prod());
        CHECKPOINT_COPIES_EXPIRE.assertBroken(Records.withInput(Runs.prod(), LIFECYCLE, "state-lifecycle", "policy.rules",
                List.of(expiryRule(Runs.prod()))));
        long rulesTouchingCurrentBlobs = maps(Runs.prod().get(LIFECYCLE, "state-lifecycle").input("policy.rules")).stream()
                .filter(rule -> ((Map<?, ?>) ((Map<?, ?>) rule.get("definition")).get("actions")).get("baseBlob") != null)
                .count();
        assertEquals(1, rulesTouchingCurrentBlobs, "only the checkpoint-copy rule may delete current blobs");
    }

    @Test
    void changeFeedIsKeptAsLongAsTheVersionsItDescribes() {
        assertEquals(90, number(blobService(Runs.prod()).input("changeFeed.retentionInDays")));
    }
}
