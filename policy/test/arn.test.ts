import { test } from "node:test";
import * as assert from "node:assert/strict";
import { accountOf, bucketNameOf, isAccountRoot, keyAccountOf, parseArn, s3BucketOf } from "../src/common/arn";
import { UNKNOWN_VALUE } from "./helpers";

test("an ARN's parts, in every partition, with ':' and '/' kept in the resource", () => {
    assert.deepEqual(parseArn("arn:aws-cn:kms:cn-north-1:406918273541:key/k-1"),
        { partition: "aws-cn", service: "kms", region: "cn-north-1", account: "406918273541", resource: "key/k-1" });
    assert.deepEqual(parseArn("arn:aws:s3:::bucket/a:b"), { partition: "aws", service: "s3", region: "", account: "", resource: "bucket/a:b" });
    for (const notAnArn of ["*", "bucket", "arn:aws:s3", "arn::iam::406918273541:root", "arn:foo:s3:::b", UNKNOWN_VALUE, undefined, 42]) {
        assert.equal(parseArn(notAnArn), undefined, String(notAnArn));
    }
});

test("a principal's account, a root and a key's account are read from the ARN part that holds them", () => {
    assert.equal(accountOf("arn:aws-us-gov:iam::406918273541:role/deployer"), "406918273541");
    assert.equal(accountOf("arn:aws:sts::406918273541:assumed-role/deployer/session"), "406918273541");
    assert.equal(accountOf("406918273541"), "406918273541");
    assert.equal(accountOf("arn:aws:kms:eu-west-1:406918273541:key/k"), undefined, "not a principal");
    assert.equal(accountOf("arn:aws:iam::4069:root"), undefined, "not an account id");
    assert.equal(accountOf("arn:aws:iam:us-east-1:406918273541:root"), undefined, "IAM has no region");

    assert.ok(isAccountRoot("arn:aws-cn:iam::406918273541:root"));
    assert.ok(isAccountRoot("406918273541"));
    assert.ok(!isAccountRoot("arn:aws:iam::406918273541:role/root"));
    assert.ok(!isAccountRoot("arn:aws:sts::406918273541:root"));
    assert.ok(!isAccountRoot("arn:aws:iam:us-east-1:406918273541:root"));

    assert.equal(keyAccountOf("arn:aws:kms:eu-west-1:406918273541:key/0b7c"), "406918273541");
    assert.equal(keyAccountOf("arn:aws:kms:eu-west-1:406918273541:alias/state"), undefined, "an alias is not the key");
    assert.equal(keyAccountOf(UNKNOWN_VALUE), undefined);
});

test("an S3 bucket or object ARN names its bucket in every partition; an access point or a regional ARN names none", () => {
    assert.equal(s3BucketOf(parseArn("arn:aws-cn:s3:::state/.pulumi/stacks/a.json")), "state");
    assert.equal(s3BucketOf(parseArn("arn:aws-us-gov:s3:::state")), "state");
    assert.equal(s3BucketOf(parseArn("arn:aws:s3:eu-west-1:406918273541:accesspoint/state")), undefined);
    assert.equal(s3BucketOf(parseArn("arn:aws:kms:eu-west-1:406918273541:key/k")), undefined);
    assert.equal(bucketNameOf("arn:aws-cn:s3:::state/*"), "state");
    assert.equal(bucketNameOf("state"), "state");
});
