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
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
    return regex.test(action);
}

export function allowsAction(statement: Statement, action: string): boolean {
    return strings(statement.Action).some((pattern) => actionCovers(pattern, action));
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

/** "*" or a whole service ("s3:*", "kms:*"): every action, or every action of a service. */
export function isServiceWildcard(action: string): boolean {
    return action === "*" || /^[^:]*:\*+$/.test(action);
}

/** How a statement names itself in a violation message. */
export function statementLabel(statement: Statement): string {
    return statement.Sid ?? JSON.stringify(statement.Action ?? statement.NotAction);
}
