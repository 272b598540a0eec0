// Resource records: the resources of one stack as plain JSON, written by the Java program's tests
// (target/resource-records/<stack>.json) or built by hand in the tests here. This file turns them into
// exactly the argument objects the engine hands to resource and stack policies, including the proxy
// that throws on unknown values, so a policy cannot tell a record from a real preview.
import {
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    StackValidationArgs,
} from "@pulumi/policy";
import { unknownCheckingProxy } from "./props";

export interface ResourceRecord {
    type: string;
    name: string;
    /** Defaults to urn:pulumi:<stack>::<project>::<type>::<name>. */
    urn?: string;
    /** Input properties with provider schema names, as the engine passes them to resource policies. */
    inputs?: Record<string, unknown>;
    /**
     * Output properties as the provider returns them, which is what stack policies see (the engine hands
     * AnalyzeStack each resource's outputs). azure-native's differ from its inputs: the resource's name comes
     * back as `name`, path parameters such as `resourceGroupName` not at all, and some types flatten their
     * `properties`. A record without them stands for a provider whose outputs repeat its inputs, as the bridged
     * AWS provider's do.
     */
    outputs?: Record<string, unknown>;
    /** Physical id (the mock engine's); stack policies see it as props.id, like provider outputs carry it. */
    id?: string;
    parent?: string;
    dependsOn?: string[];
    /** Input name -> URNs its value came from, as the engine sends them. */
    propertyDependencies?: Record<string, string[]>;
    protect?: boolean;
    /** Input paths whose later changes the engine ignores (the resource option). */
    ignoreChanges?: string[];
}

export interface RecordsFile {
    project?: string;
    stack?: string;
    resources: ResourceRecord[];
}

/** Checks the shape of a parsed records file; throws one line per problem. */
export function parseRecordsFile(data: unknown, source = "records"): RecordsFile {
    const problems: string[] = [];
    const resources = (data as RecordsFile | undefined)?.resources;
    if (!Array.isArray(resources)) {
        throw new Error(`${source}: expected an object with a "resources" array`);
    }
    resources.forEach((r, i) => {
        if (typeof r?.type !== "string" || r.type === "") {
            problems.push(`resources[${i}].type must be a non-empty string`);
        }
        if (typeof r?.name !== "string" || r.name === "") {
            problems.push(`resources[${i}].name must be a non-empty string`);
        }
        if (r?.inputs !== undefined && (typeof r.inputs !== "object" || r.inputs === null || Array.isArray(r.inputs))) {
            problems.push(`resources[${i}].inputs must be an object`);
        }
    });
    if (problems.length > 0) {
        throw new Error(`${source} is malformed:\n  - ${problems.join("\n  - ")}`);
    }
    return data as RecordsFile;
}

export function urnOf(record: ResourceRecord, file?: Pick<RecordsFile, "project" | "stack">): string {
    return record.urn ?? `urn:pulumi:${file?.stack ?? "stack"}::${file?.project ?? "state-backend"}::${record.type}::${record.name}`;
}

function optionsOf(record: ResourceRecord): PolicyResourceOptions {
    return {
        protect: record.protect === true,
        ignoreChanges: record.ignoreChanges ?? [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        parent: record.parent,
    };
}

const notApplicable = (reason?: string): never => {
    throw new Error(`not applicable: ${reason ?? ""}`);
};

// Not needed by any policy here (they match on type tokens), but part of the argument types.
const noClassMatch = () => false;

export function toResourceArgs(record: ResourceRecord, file: RecordsFile, config: Record<string, unknown>): ResourceValidationArgs {
    return {
        type: record.type,
        name: record.name,
        urn: urnOf(record, file),
        props: unknownCheckingProxy(record.inputs ?? {}),
        opts: optionsOf(record),
        stackTags: new Map(),
        isType: noClassMatch,
        asType: () => undefined,
        getConfig: <T extends object>() => config as T,
        notApplicable,
    };
}

export function toStackArgs(file: RecordsFile, config: Record<string, unknown>): StackValidationArgs {
    const resources: PolicyResource[] = file.resources.map((record) => {
        const props = { ...(record.outputs ?? record.inputs ?? {}) };
        if (record.id !== undefined && props.id === undefined) {
            props.id = record.id;
        }
        return {
            type: record.type,
            name: record.name,
            urn: urnOf(record, file),
            props: unknownCheckingProxy(props),
            opts: optionsOf(record),
            dependencies: [],
            propertyDependencies: {},
            isType: noClassMatch,
            asType: () => undefined,
        };
    });
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    file.resources.forEach((record, i) => {
        const resource = resources[i];
        resource.parent = record.parent ? byUrn.get(record.parent) : undefined;
        const resolve = (urns: string[]) => urns.map((u) => byUrn.get(u)).filter((r): r is PolicyResource => r !== undefined);
        for (const [key, urns] of Object.entries(record.propertyDependencies ?? {})) {
            resource.propertyDependencies[key] = resolve(urns);
        }
        // Like the engine's, the dependency list includes the property dependencies.
        const all = new Set([...(record.dependsOn ?? []), ...Object.values(record.propertyDependencies ?? {}).flat()]);
        resource.dependencies = resolve([...all]);
    });
    return {
        resources,
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
        notApplicable,
    };
}
