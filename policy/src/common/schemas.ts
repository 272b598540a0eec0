// Config schemas that more than one policy takes; a module of its own that imports only generated constants, so any
// policy can use it.
import { Thresholds } from "./thresholds";

/** The version-expiry threshold both clouds' lifecycle policies take, described once. */
export const MAXIMUM_NONCURRENT_VERSION_DAYS = {
    type: "integer",
    minimum: 1,
    maximum: 36500,
    default: Thresholds.maximumNoncurrentVersionDays,
    description: "Longest a noncurrent (previous) version of a state file may be kept.",
} as const;
