// Which resource is attached to which: "does this storage account have a lock?", "does this bucket
// have a versioning configuration?".
//
// In a preview most cross-resource references are unknown (ids and names of resources not created
// yet), so one rule is not enough. A candidate (the lock, the versioning resource) is matched to a
// target (the account, the bucket) by the first of these that applies:
//
//   1. name       the candidate's reference is known and equals one of the target's known names
//                 (case-insensitive: Azure names are, and S3 bucket names are lowercase anyway);
//   2. dependency the reference is unknown or absent, and the candidate depends on the target
//                 (property dependencies of the reference field first, then all dependencies);
//   3. count      the reference is unknown or absent and nothing else tells: the candidate is a
//                 wildcard, and wildcards are handed out one per target still uncovered, in order.
//                 So in a preview N accounts and N locks pass, N accounts and N-1 locks fail.
//
// A candidate whose reference is known but names no target is attached to something else and never
// used as a wildcard, except while some target's own names are unknown (it might be that one). So is
// one whose reference property depends on resources none of which is a target (a lock on a backup
// vault): stack policies see outputs, and azure-native returns no reference input (a lock's
// resourceName, a blob service's accountName), so the engine's property dependencies are what tell.
import { PolicyResource } from "@pulumi/policy";
import { isUnknown, UNKNOWN, Unknown } from "./props";

export type MatchKind = "name" | "dependency" | "count";

export interface Attachment {
    candidate: PolicyResource;
    kind: MatchKind;
}

export interface Coverage {
    target: PolicyResource;
    /** All candidates attached to the target (empty when uncovered). */
    attachments: Attachment[];
}

export interface RelationRule {
    /** Known names of the target; an UNKNOWN entry means "has a name we cannot see yet". */
    targetNames(target: PolicyResource): (string | Unknown | undefined)[];
    /** The name the candidate points at; UNKNOWN or undefined when it cannot be read. */
    candidateRef(candidate: PolicyResource): string | Unknown | undefined;
    /** The candidate's input that holds the reference, to look up its property dependencies. */
    refProperty?: string;
}

/** The names among `names` that are known, lowercased. */
export function knownNames(names: (string | Unknown | undefined)[]): string[] {
    return names.filter((n): n is string => typeof n === "string" && n !== "" && !isUnknown(n)).map((n) => n.toLowerCase());
}

function hasUnknownName(names: (string | Unknown | undefined)[]): boolean {
    return names.length === 0 || names.every((n) => n === undefined || isUnknown(n) || n === "");
}

/** The resources the engine says `resource`'s `property` input was computed from (none when it cannot tell). */
export function inputSources(resource: PolicyResource, property: string): PolicyResource[] {
    return resource.propertyDependencies?.[property] ?? [];
}

function dependsOn(candidate: PolicyResource, target: PolicyResource, refProperty?: string): boolean {
    const viaProperty = refProperty ? inputSources(candidate, refProperty) : [];
    if (viaProperty.length > 0) {
        return viaProperty.some((d) => d.urn === target.urn);
    }
    return (candidate.dependencies ?? []).some((d) => d.urn === target.urn);
}

export function cover(targets: readonly PolicyResource[], candidates: readonly PolicyResource[], rule: RelationRule): Coverage[] {
    const coverage = targets.map((target) => ({ target, attachments: [] as Attachment[] }));
    const names = targets.map((t) => rule.targetNames(t));
    const someTargetNameUnknown = names.some(hasUnknownName);
    const wildcards: PolicyResource[] = [];

    for (const candidate of candidates) {
        const ref = rule.candidateRef(candidate);
        let attached = false;
        if (typeof ref === "string" && ref !== "" && !isUnknown(ref)) {
            coverage.forEach((c, i) => {
                if (knownNames(names[i]).includes(ref.toLowerCase())) {
                    c.attachments.push({ candidate, kind: "name" });
                    attached = true;
                }
            });
            if (!attached && someTargetNameUnknown) {
                wildcards.push(candidate);
            }
            continue;
        }
        coverage.forEach((c) => {
            if (dependsOn(candidate, c.target, rule.refProperty)) {
                c.attachments.push({ candidate, kind: "dependency" });
                attached = true;
            }
        });
        const referencesSomethingElse = rule.refProperty !== undefined && inputSources(candidate, rule.refProperty).length > 0;
        if (!attached && !referencesSomethingElse) {
            wildcards.push(candidate);
        }
    }

    for (const c of coverage) {
        if (c.attachments.length === 0 && wildcards.length > 0) {
            c.attachments.push({ candidate: wildcards.shift()!, kind: "count" });
        }
    }
    return coverage;
}

export interface Relation {
    candidateType: string;
    /** False when the candidate is known to be about something else (a lock on a vault, say). */
    eligible?(candidate: PolicyResource): boolean;
    rule: RelationRule;
}

/** Attachments of `relation` to each target, from the candidates among `resources`. */
export function coverageOf(targets: readonly PolicyResource[], resources: readonly PolicyResource[], relation: Relation): Coverage[] {
    const candidates = resources.filter((c) => c.type === relation.candidateType && (relation.eligible?.(c) ?? true));
    return cover(targets, candidates, relation.rule);
}

/** The targets with nothing attached. */
export function uncoveredTargets(targets: readonly PolicyResource[], resources: readonly PolicyResource[], relation: Relation): PolicyResource[] {
    return coverageOf(targets, resources, relation)
        .filter((c) => c.attachments.length === 0)
        .map((c) => c.target);
}

/** Reference helper: a string, UNKNOWN, or undefined. */
export function asRef(value: unknown): string | Unknown | undefined {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    return typeof value === "string" && value !== "" ? value : undefined;
}
