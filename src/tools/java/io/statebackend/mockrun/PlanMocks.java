package io.statebackend.mockrun;

import com.pulumi.test.Mocks;
import io.statebackend.vocabulary.AzureType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the cloud providers: records every resource the program registers, and answers with what the real
 * provider would return (Azure resource ids, ARNs, endpoints, identities) so that the program's outputs take their
 * real shape. Nothing here reaches a cloud.
 */
public final class PlanMocks implements Mocks {

    /** The deployment's subscription, as getClientConfig reports it: one of the real shape, which production takes. */
    public static final String SUBSCRIPTION_ID = "6f1c3e2a-8b4d-4c9e-a1f7-2d5b9e0c7a13";
    public static final String TENANT_ID = "10000000-0000-0000-0000-000000000001";
    public static final String DEPLOYER_OBJECT_ID = "20000000-0000-0000-0000-000000000002";
    public static final String AWS_ACCOUNT_ID = "406918273541";

    private final Map<String, Map<String, Object>> inputsByKey = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> outputsByKey = new ConcurrentHashMap<>();
    /** Region of each explicit AWS provider, by the id this mock gave it. */
    private final Map<String, String> awsRegionByProviderId = new ConcurrentHashMap<>();

    /** Inputs recorded for {@code type::name}. */
    Map<String, Map<String, Object>> inputsByKey() {
        return inputsByKey;
    }

    /** The outputs this mock returned for {@code type::name}, as the engine stores them. */
    Map<String, Map<String, Object>> outputsByKey() {
        return outputsByKey;
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        inputsByKey.put(args.type + "::" + args.name, args.inputs);
        Created created = create(args.type, args.name, args.inputs, awsRegionOf(args.provider));
        outputsByKey.put(args.type + "::" + args.name, created.state());
        if (args.type.equals(AwsShapes.PROVIDER_TYPE)) {
            awsRegionByProviderId.put(created.id(), String.valueOf(args.inputs.getOrDefault("region", "")));
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(created.id()), created.state()));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        return CompletableFuture.completedFuture(invoke(args.token, args.args, awsRegionOf(args.provider)));
    }

    /**
     * What a provider returns for a resource it created: the id, and its outputs (the inputs plus computed values, in
     * the shape the provider gives them).
     */
    public record Created(String id, Map<String, Object> state) {
    }

    /**
     * The provider's answer to creating a resource of {@code type} named {@code name}; {@code awsRegion} is the region
     * of the AWS provider it is declared with (empty for other clouds).
     */
    public static Created create(String type, String name, Map<String, Object> inputs, String awsRegion) {
        Map<String, Object> state = new LinkedHashMap<>(inputs);
        String id = ProviderShapes.complete(type, name, inputs, state, awsRegion);
        return new Created(id, outputsShaped(type, state));
    }

    /** {@code values}, named as inputs, in the shape the provider of {@code type} returns outputs. */
    public static Map<String, Object> outputsShaped(String type, Map<String, Object> values) {
        return AzureNativeOutputs.isAzureNative(type) ? AzureNativeOutputs.shape(type, values) : values;
    }

    /** The id of an existing workspace of this mock named {@code name}, in the deployment's subscription. */
    public static String existingWorkspaceId(String name) {
        return "/subscriptions/" + SUBSCRIPTION_ID + "/resourceGroups/rg-monitoring/providers"
                + "/Microsoft.OperationalInsights/workspaces/" + name;
    }

    /** A workspace id that names no workspace: Azure answers "not found". */
    public static final String WORKSPACE_NOT_FOUND = "log-not-there";
    /** An existing workspace that keeps logs 30 days. */
    public static final String WORKSPACE_THIRTY_DAYS = "log-thirty-days";
    /** An existing workspace that keeps 365 days and has the immediatePurgeDataOn30Days feature on. */
    public static final String WORKSPACE_WITH_PURGE_FEATURE = "log-purge-feature-on";
    private static final int USUAL_WORKSPACE_RETENTION_DAYS = 365;
    /** An existing workspace that keeps 365 days, but whose blob-log table keeps 30 days in all. */
    public static final String WORKSPACE_WITH_BLOB_TABLE_THIRTY_DAYS = "log-blob-table-thirty-days";
    /** An existing workspace that keeps 365 days, but whose table of resource logs in Azure's shared shape keeps 30. */
    public static final String WORKSPACE_WITH_SHARED_TABLE_THIRTY_DAYS = "log-shared-table-thirty-days";
    /** An existing workspace whose blob-log table keeps 30 days interactively and archives them for 335 more. */
    public static final String WORKSPACE_WITH_BLOB_TABLE_ARCHIVED = "log-blob-table-archived";
    /** An existing workspace that keeps 30 days, but whose tables of storage and vault logs keep 365. */
    public static final String WORKSPACE_WITH_AUDIT_TABLES_A_YEAR = "log-thirty-days-audit-tables-a-year";
    /**
     * How long an existing Log Analytics workspace keeps logs, by name, as Azure would report it: 365 days, except
     * for those tests name to show a workspace that keeps them briefly.
     */
    private static final Map<String, Integer> WORKSPACE_RETENTION_DAYS = Map.of(WORKSPACE_THIRTY_DAYS, 30,
            WORKSPACE_WITH_AUDIT_TABLES_A_YEAR, 30);
    /**
     * The tables of a workspace that a storage account's or a key vault's resource logs can land in, as Azure names
     * them: written out here, not taken from the program, so that a program asking for any other table (a misspelt
     * one among them) is refused as Azure refuses a table a workspace has not got.
     */
    private static final List<String> WORKSPACE_TABLES = List.of("StorageBlobLogs", "AzureDiagnostics", "AZKVAuditLogs");
    /** Tables that keep logs otherwise than their workspace: workspace, table, then {interactive, total} days. */
    private static final Map<String, Map<String, List<Integer>>> TABLE_RETENTION_DAYS = Map.of(
            WORKSPACE_WITH_BLOB_TABLE_THIRTY_DAYS, Map.of("StorageBlobLogs", List.of(30, 30)),
            WORKSPACE_WITH_SHARED_TABLE_THIRTY_DAYS, Map.of("AzureDiagnostics", List.of(30, 30)),
            WORKSPACE_WITH_BLOB_TABLE_ARCHIVED, Map.of("StorageBlobLogs", List.of(30, 365)),
            WORKSPACE_WITH_AUDIT_TABLES_A_YEAR, Map.of("StorageBlobLogs", List.of(365, 365),
                    "AzureDiagnostics", List.of(365, 365), "AZKVAuditLogs", List.of(365, 365)));

    /**
     * The provider's answer to a function the program invokes with {@code args}, from a provider configured for
     * {@code awsRegion}.
     */
    public static Map<String, Object> invoke(String token, Map<String, Object> args, String awsRegion) {
        return switch (token) {
            case "azure-native:operationalinsights:getWorkspace" -> existingWorkspace(
                    ProviderShapes.str(args, "resourceGroupName"), ProviderShapes.str(args, "workspaceName"));
            case "azure-native:operationalinsights:getTable" -> existingTable(
                    ProviderShapes.str(args, "resourceGroupName"), ProviderShapes.str(args, "workspaceName"),
                    ProviderShapes.str(args, "tableName"));
            case "azure-native:authorization:getClientConfig" -> Map.of(
                    "clientId", "30000000-0000-0000-0000-000000000003",
                    "objectId", DEPLOYER_OBJECT_ID,
                    "subscriptionId", SUBSCRIPTION_ID,
                    "tenantId", TENANT_ID);
            case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of(
                    "accountId", AWS_ACCOUNT_ID,
                    "arn", "arn:aws:iam::" + AWS_ACCOUNT_ID + ":role/deployer",
                    "id", AWS_ACCOUNT_ID,
                    "userId", "AROAEXAMPLE:deployer");
            case "aws:index/getPartition:getPartition" -> partition(awsRegion);
            default -> throw new IllegalArgumentException("no mock answer for invoke " + token);
        };
    }

    /**
     * The region of the explicit AWS provider a resource was declared with ({@code provider} is the engine's
     * reference, {@code <urn>::<id>}), or empty for the default provider, which this program never uses.
     */
    private String awsRegionOf(String providerReference) {
        if (providerReference == null || providerReference.isEmpty()) {
            return "";
        }
        String providerId = providerReference.substring(providerReference.lastIndexOf("::") + 2);
        return awsRegionByProviderId.getOrDefault(providerId, "");
    }

    /**
     * What Azure reports of an existing workspace: the id and customer id this mock gives a workspace it creates, the
     * other fields the SDK requires, and its retention.
     */
    private static Map<String, Object> existingWorkspace(String resourceGroup, String name) {
        if (name.equals(WORKSPACE_NOT_FOUND)) {
            throw new IllegalArgumentException("The Resource 'Microsoft.OperationalInsights/workspaces/" + name
                    + "' under resource group '" + resourceGroup + "' was not found.");
        }
        Map<String, Object> inputs = Map.of("resourceGroupName", resourceGroup, "workspaceName", name);
        Map<String, Object> created = new LinkedHashMap<>(inputs);
        String id = ProviderShapes.complete(AzureType.WORKSPACE.token(), name, inputs, created, "");
        return Map.ofEntries(
                Map.entry("id", id),
                Map.entry("name", name),
                Map.entry("type", "Microsoft.OperationalInsights/workspaces"),
                Map.entry("location", "westeurope"),
                Map.entry("customerId", created.get("customerId")),
                Map.entry("createdDate", "2025-01-01T00:00:00Z"),
                Map.entry("modifiedDate", "2025-01-01T00:00:00Z"),
                Map.entry("provisioningState", "Succeeded"),
                Map.entry("privateLinkScopedResources", List.of()),
                Map.entry("systemData", Map.of()),
                Map.entry("tags", Map.of()),
                Map.entry("features",
                        Map.of("immediatePurgeDataOn30Days", name.equals(WORKSPACE_WITH_PURGE_FEATURE))),
                Map.entry("retentionInDays", WORKSPACE_RETENTION_DAYS.getOrDefault(name, USUAL_WORKSPACE_RETENTION_DAYS)));
    }

    /**
     * What Azure reports of a table of an existing workspace: the retentions the workspace gives it, unless the
     * workspace is one of those tests name to show a table that sets its own.
     */
    private static Map<String, Object> existingTable(String resourceGroup, String workspace, String table) {
        if (!WORKSPACE_TABLES.contains(table)) {
            throw new IllegalArgumentException("table " + table + " was not found in workspace " + workspace);
        }
        int workspaceDays = WORKSPACE_RETENTION_DAYS.getOrDefault(workspace, USUAL_WORKSPACE_RETENTION_DAYS);
        List<Integer> days = TABLE_RETENTION_DAYS.getOrDefault(workspace, Map.of())
                .getOrDefault(table, List.of(workspaceDays, workspaceDays));
        int retention = days.get(0);
        int total = days.get(1);
        return Map.ofEntries(
                Map.entry("id", existingWorkspace(resourceGroup, workspace).get("id") + "/tables/" + table),
                Map.entry("name", table),
                Map.entry("type", "Microsoft.OperationalInsights/workspaces/tables"),
                Map.entry("plan", "Analytics"),
                Map.entry("provisioningState", "Succeeded"),
                Map.entry("lastPlanModifiedDate", "2025-01-01T00:00:00Z"),
                Map.entry("resultStatistics", Map.of("ingestedRecords", 0, "progress", 0.0, "scannedGb", 0.0)),
                Map.entry("systemData", Map.of()),
                Map.entry("retentionInDays", retention),
                Map.entry("retentionInDaysAsDefault", retention == workspaceDays),
                Map.entry("totalRetentionInDays", total),
                Map.entry("totalRetentionInDaysAsDefault", total == retention),
                Map.entry("archiveRetentionInDays", total - retention));
    }

    /** The partition of the invoking provider's region, as the AWS provider reports it. */
    private static Map<String, Object> partition(String region) {
        String partition = io.statebackend.settings.AwsSettings.partitionOf(region);
        String dnsSuffix = partition.equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com";
        return Map.of("partition", partition, "dnsSuffix", dnsSuffix, "id", partition,
                "reverseDnsPrefix", partition.equals("aws-cn") ? "cn.com.amazonaws" : "com.amazonaws");
    }

    /** A stable GUID for a name, like the ids Azure assigns. */
    static String guidFor(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
