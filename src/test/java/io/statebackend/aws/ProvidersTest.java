package io.statebackend.aws;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ProgramRun;
import io.statebackend.settings.AwsSettings;
import io.statebackend.settings.SettingsLoader;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Records;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.statebackend.aws.AwsPlan.PRIMARY_PROVIDER;
import static io.statebackend.aws.AwsPlan.PROVIDER;
import static io.statebackend.aws.AwsPlan.REPLICA_PROVIDER;
import static io.statebackend.aws.AwsPlan.prod;
import static io.statebackend.aws.AwsPlan.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every AWS resource goes through an explicit provider for its region; nothing uses the ambient aws:region. */
class ProvidersTest {

    static void assertExplicitProviders(List<ResourceRecord> resources) {
        for (ResourceRecord record : resources) {
            if (record.type().startsWith("aws:")) {
                assertTrue(PRIMARY_PROVIDER.equals(record.provider()) || REPLICA_PROVIDER.equals(record.provider()),
                        record.key() + " uses " + record.provider());
                assertEquals("state-backend:aws:StateStore::aws", record.parent(), record.key() + " parent");
            }
        }
    }

    @Test
    void everyAwsResourceUsesAnExplicitProviderAndIsParentedToTheStore() {
        assertExplicitProviders(prod().resources());
        assertExplicitProviders(AwsPlan.dev().resources());
    }

    @Test
    void theProvidersArePinnedToTheConfiguredRegions() {
        assertEquals("eu-west-1", prod().get(PROVIDER, "aws-primary").input("region"));
        assertEquals("eu-central-1", prod().get(PROVIDER, "aws-replica").input("region"));
        PlanResult moved = succeeded(Stacks.runWith("prod", Map.of("awsRegion", "us-east-2", "awsReplicaRegion", "us-west-2")));
        assertEquals("us-east-2", moved.get(PROVIDER, "aws-primary").input("region"));
        assertEquals("us-west-2", moved.get(PROVIDER, "aws-replica").input("region"));
    }

    @Test
    void onlyTheReplicaAndItsKeyLiveInTheReplicaRegion() {
        List<String> inReplicaRegion = prod().resources().stream()
                .filter(r -> REPLICA_PROVIDER.equals(r.provider())).map(ResourceRecord::name).sorted().toList();
        assertEquals(List.of("replica-bucket", "replica-bucket-encryption", "replica-bucket-lifecycle",
                "replica-bucket-ownership", "replica-bucket-policy", "replica-bucket-public-access-block",
                "replica-bucket-versioning", "replica-key", "replica-key-alias"), inReplicaRegion);
    }

    /** A store given an aws provider through its options refuses it: the region pinning above would not hold. */
    @ParameterizedTest(name = "given as {0}")
    @ValueSource(strings = {"providers", "provider"})
    void anAwsProviderGivenThroughOptionsIsRefusedNotLeftUnused(String option) {
        AwsSettings settings = SettingsLoader.load(Stacks.config("dev")).aws().orElseThrow();
        PlanResult given = ProgramRun.run("state-backend", "dev", ctx -> {
            var callers = new Provider("callers", ProviderArgs.builder().region("us-east-1").build());
            var options = ComponentResourceOptions.builder();
            if (option.equals("providers")) {
                options.providers(callers);
            } else {
                options.provider(callers);
            }
            new AwsStateStore("aws", settings, options.build());
        });
        assertTrue(given.error().orElseThrow().getMessage().contains("AwsStateStore aws takes no aws provider in its"
                + " options"), given.error()::toString);
        assertTrue(given.resources().stream().noneMatch(r -> r.type().startsWith("aws:s3")), "nothing declared");

        PlanResult without = ProgramRun.run("state-backend", "dev", ctx -> new AwsStateStore("aws", settings,
                ComponentResourceOptions.builder().protect(false).build()));
        assertTrue(without.error().isEmpty(), without.error()::toString);
        assertExplicitProviders(without.resources());
    }

    @Test
    void theProviderAssertionBites() {
        ResourceRecord bucket = prod().get(AwsPlan.BUCKET, "state-bucket");
        assertThrows(AssertionError.class, () -> assertExplicitProviders(List.of(Records.withProvider(bucket, null))));
    }
}
