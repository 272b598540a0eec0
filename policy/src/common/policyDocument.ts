// AWS policy documents (a bucket policy, a KMS key policy, an IAM policy): the `policy` input, a JSON
// string. In a preview it is often unknown (it names ARNs of resources not created yet); the checks
// then wait for the update, when it is known.
import { Report } from "./control";
import { isUnknown, read, UNKNOWN_SENTINELS } from "./props";

export interface Statement {
    Sid?: string;
    Effect?: string;
    Principal?: unknown;
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    NotResource?: string | string[];
    NotPrincipal?: unknown;
    Condition?: Record<string, Record<string, unknown>>;
}

export type Parsed = { statements: Statement[] } | { error: string } | "unknown";

/** The statements of a policy document; "unknown" when it is absent or not known until the update. */
export function parsePolicyDocument(policy: unknown): Parsed {
    if (policy === undefined || isUnknown(policy)) {
        return "unknown";
    }
    let doc: unknown = policy;
    if (typeof policy === "string") {
        // A document built from unknown outputs carries the engine's unknown sentinel inside it.
        if (UNKNOWN_SENTINELS.some((sentinel) => policy.includes(sentinel))) {
            return "unknown";
        }
        try {
            doc = JSON.parse(policy);
        } catch (e) {
            return { error: `policy is not valid JSON (${(e as Error).message})` };
        }
    }
    const statement = (doc as { Statement?: unknown })?.Statement;
    if (statement === undefined) {
        return { error: "policy has no Statement" };
    }
    return { statements: (Array.isArray(statement) ? statement : [statement]) as Statement[] };
}

/** Runs `check` on the statements of the `policy` input; reports a document that cannot be read. */
export function withStatements(props: unknown, report: Report, check: (statements: Statement[]) => void): void {
    const parsed = parsePolicyDocument(read(props, "policy"));
    if (parsed === "unknown") {
        return;
    }
    if ("error" in parsed) {
        report(parsed.error);
        return;
    }
    check(parsed.statements);
}

export const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
export const strings = (value: unknown): string[] => asList(value).filter((v): v is string => typeof v === "string");

/** IAM action wildcard match: "s3:*" covers "s3:PutObject", "s3:Delete*" covers "s3:DeleteObject". */
export function actionCovers(pattern: string, action: string): boolean {
    return globMatches(pattern, action, "i");
}

/** Whether an IAM wildcard pattern (`*` any run of characters, `?` one) matches `value`. */
function globMatches(pattern: string, value: string, flags = ""): boolean {
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, flags);
    return regex.test(value);
}

/**
 * Whether a statement applies to the object `key` of `bucket`, in any partition: one of its Resource patterns
 * matches it, or none of its NotResource patterns does.
 */
export function reachesObject(statement: Statement, bucket: string, key: string): boolean {
    const matches = (pattern: string) =>
        globMatches(pattern.replace(/^arn:[^:]*:s3:::/, ""), `${bucket}/${key}`) || globMatches(pattern, `arn:aws:s3:::${bucket}/${key}`);
    if (statement.Resource === undefined && statement.NotResource !== undefined) {
        return !strings(statement.NotResource).some(matches);
    }
    return strings(statement.Resource).some(matches);
}

/**
 * Whether a statement is about `action`: named (or matched by a wildcard) in Action, or left out of NotAction,
 * which applies the statement to every action it does not list.
 */
export function coversAction(statement: Statement, action: string): boolean {
    if (statement.Action !== undefined) {
        return strings(statement.Action).some((pattern) => actionCovers(pattern, action));
    }
    if (statement.NotAction !== undefined) {
        return !strings(statement.NotAction).some((pattern) => actionCovers(pattern, action));
    }
    return false;
}

export function isEffect(statement: Statement, effect: "Allow" | "Deny"): boolean {
    return typeof statement.Effect === "string" && statement.Effect.toLowerCase() === effect.toLowerCase();
}

/** Principal "*" or { "AWS": "*" }: everyone, in every account. */
export function isPublicPrincipal(principal: unknown): boolean {
    if (principal === "*") {
        return true;
    }
    if (principal && typeof principal === "object") {
        return strings((principal as Record<string, unknown>).AWS).includes("*");
    }
    return false;
}

/** Every principal a statement names (the values under AWS, Service, Federated...); ["*"] for Principal "*". */
export function principalsOf(statement: Statement): string[] {
    const principal = statement.Principal;
    if (typeof principal === "string") {
        return [principal];
    }
    if (principal && typeof principal === "object") {
        return Object.values(principal as Record<string, unknown>).flatMap(strings);
    }
    return [];
}

/** The condition keys a statement names, under every operator ("Condition": {} names none, and holds always). */
export const conditionKeys = (statement: Statement): string[] =>
    Object.values(statement.Condition ?? {}).flatMap((entries) => Object.keys(entries ?? {}));

/** Whether a statement's Action names every action of `service` ("kms", "s3"): "*" or "<service>:*". */
export const namesEveryActionOf = (statement: Statement, service: string): boolean =>
    strings(statement.Action).some((a) => a === "*" || a.toLowerCase() === `${service}:*`);

/** A pattern with an IAM wildcard: an action such as "*", "s3:*", "s3:Get*" or "s3:*Object", or a part of an ARN. */
export const hasWildcard = (pattern: string): boolean => /[*?]/.test(pattern);

const NEGATED_FORMS = [
    ["NotAction", "every action it does not list"],
    ["NotResource", "every resource it does not list"],
    ["NotPrincipal", "every principal it does not list"],
] as const;

/**
 * What makes an Allow grant more than it names: wildcard actions (matching actions added to a service later, too)
 * and the NotAction / NotResource / NotPrincipal forms. One message per finding; none for a statement that names
 * every action, resource and principal it grants.
 */
export function broadAllowFindings(statement: Statement): string[] {
    const label = statementLabel(statement);
    const findings: string[] = [];
    const wildcards = strings(statement.Action).filter(hasWildcard);
    if (wildcards.length > 0) {
        findings.push(`statement ${label} allows ${wildcards.map((a) => JSON.stringify(a)).join(", ")}; it must name the actions.`);
    }
    for (const [form, meaning] of NEGATED_FORMS) {
        if ((statement as Record<string, unknown>)[form] !== undefined) {
            findings.push(`statement ${label} allows ${form}, that is ${meaning}; it must name what it allows.`);
        }
    }
    return findings;
}

/** How a statement names itself in a violation message. */
export function statementLabel(statement: Statement): string {
    return statement.Sid ?? JSON.stringify(statement.Action ?? statement.NotAction);
}
