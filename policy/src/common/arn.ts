// Amazon Resource Names, arn:<partition>:<service>:<region>:<account>:<resource>
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html), read in one place so that every check
// takes every partition (aws, aws-cn, aws-us-gov) and the same account and resource parts.

import { isUnknown } from "./props";

export interface Arn {
    partition: string;
    service: string;
    region: string;
    account: string;
    /** Everything after the account, which may hold ':' and '/' ("key/<id>", "role/path/name", "bucket/key"). */
    resource: string;
}

const ACCOUNT_ID = /^\d{12}$/;
const PARTITION = /^aws(-[a-z0-9]+)*$/;

/** The parts of an ARN; undefined for anything else ("*", a bare name, an unknown value, an unknown partition). */
export function parseArn(text: unknown): Arn | undefined {
    if (typeof text !== "string") {
        return undefined;
    }
    const parts = text.split(":");
    if (parts.length < 6 || parts[0] !== "arn") {
        return undefined;
    }
    const [, partition, service, region, account] = parts;
    return PARTITION.test(partition) ? { partition, service, region, account, resource: parts.slice(5).join(":") } : undefined;
}

/** An IAM or STS ARN: global, so with no region, in a 12-digit account. */
function isPrincipalArn(arn: Arn | undefined): arn is Arn {
    return arn !== undefined && (arn.service === "iam" || arn.service === "sts") && arn.region === "" && ACCOUNT_ID.test(arn.account);
}

/** The account of an IAM or STS principal (a user, role, session or root ARN) or of a bare account id. */
export function accountOf(principal: string): string | undefined {
    if (ACCOUNT_ID.test(principal)) {
        return principal;
    }
    const arn = parseArn(principal);
    return isPrincipalArn(arn) ? arn.account : undefined;
}

/** An account's root as a principal: arn:<partition>:iam::<account>:root, or the bare account id IAM reads as it. */
export function isAccountRoot(principal: string): boolean {
    const arn = parseArn(principal);
    return ACCOUNT_ID.test(principal) || (isPrincipalArn(arn) && arn.service === "iam" && arn.resource === "root");
}

/** The account a KMS key is in, from the key's ARN (arn:<partition>:kms:<region>:<account>:key/<id>). */
export function keyAccountOf(keyArn: unknown): string | undefined {
    const arn = parseArn(keyArn);
    return arn?.service === "kms" && arn.resource.startsWith("key/") && ACCOUNT_ID.test(arn.account) ? arn.account : undefined;
}

/** The bucket an S3 bucket or object ARN names (arn:<partition>:s3:::<bucket>[/<key>]); undefined for any other. */
export function s3BucketOf(arn: Arn | undefined): string | undefined {
    return arn?.service === "s3" && arn.region === "" && arn.account === "" ? arn.resource.split("/")[0] : undefined;
}

/** A bucket name from a name or a bucket (or object) ARN; undefined when unset or unknown. */
export function bucketNameOf(value: unknown): string | undefined {
    if (typeof value !== "string" || value === "" || isUnknown(value)) {
        return undefined;
    }
    return s3BucketOf(parseArn(value)) ?? value;
}
