// The KMS key that encrypts the state bucket and backs the awskms:// secrets provider.
import { asNumber, expectValue } from "../common/checks";
import { Control, resourceControl } from "../common/control";
import { isUnknown, read, show } from "../common/props";
import { AwsTypes } from "./types";

// What AWS uses when deletionWindowInDays is not given (and the most it allows).
const AWS_DEFAULT_DELETION_WINDOW_DAYS = 30;

export const kmsKeyRotation = resourceControl({
    name: "aws-kms-key-rotation",
    controlId: "AWS FSBP KMS.4",
    requirement: "Automatic rotation of the key material is enabled.",
    remedy: "set enableKeyRotation: true.",
    resourceType: AwsTypes.KmsKey,
    validate: (props, report) => {
        expectValue(props, "enableKeyRotation", true, report);
    },
});

export const kmsDeletionWindow = resourceControl<{ minimumKmsDeletionWindowDays: number }>({
    name: "aws-kms-deletion-window",
    controlId: "AWS FSBP KMS.3 (keys not deleted unintentionally)",
    requirement: "A scheduled deletion of the key can be cancelled for at least the configured number of days.",
    remedy: "set deletionWindowInDays to at least minimumKmsDeletionWindowDays (30, the AWS maximum, by default).",
    resourceType: AwsTypes.KmsKey,
    config: {
        minimumKmsDeletionWindowDays: {
            type: "integer",
            minimum: 7,
            maximum: 30,
            default: 30,
            description: "Fewest days between scheduling a key deletion and the deletion (AWS allows 7-30).",
        },
    },
    validate: (props, report, config) => {
        const days = read(props, "deletionWindowInDays");
        if (isUnknown(days)) {
            return;
        }
        const effective = days === undefined ? AWS_DEFAULT_DELETION_WINDOW_DAYS : asNumber(days);
        if (effective === undefined || effective < config.minimumKmsDeletionWindowDays) {
            report(`deletionWindowInDays is ${show(days)}; it must be at least ${config.minimumKmsDeletionWindowDays}.`);
        }
    },
});

export const kmsControls: Control[] = [kmsKeyRotation, kmsDeletionWindow];
