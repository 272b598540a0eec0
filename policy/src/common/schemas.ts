// Config schemas that more than one policy takes; a module of its own, free of imports, so any policy can use it.

/** The version-expiry threshold both clouds' lifecycle policies take, described once. */
export const MAXIMUM_NONCURRENT_VERSION_DAYS = {
    type: "integer",
    minimum: 1,
    maximum: 36500,
    default: 365,
    description: "Longest a noncurrent (previous) version of a state file may be kept.",
} as const;
