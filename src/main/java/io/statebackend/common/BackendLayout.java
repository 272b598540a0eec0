package io.statebackend.common;

/** Where the Pulumi CLI keeps things in a self-managed backend's bucket or container. */
public final class BackendLayout {

    /**
     * A full copy of a stack's checkpoint, written once per update ({@code .pulumi/backups/<project>/<stack>/}). With
     * versioning on, every earlier checkpoint is already kept as a version, so these copies are redundant and may
     * expire with the versions.
     */
    public static final String CHECKPOINT_BACKUPS_PREFIX = ".pulumi/backups/";

    /** The name of the lifecycle rule, in either cloud, that expires {@link #CHECKPOINT_BACKUPS_PREFIX}. */
    public static final String CHECKPOINT_BACKUPS_RULE = "expire-checkpoint-backups";

    /**
     * Where the CLI takes an update's lock ({@code .pulumi/locks/<org>/<project>/<stack>/<uuid>.json}), an object it
     * deletes when the update ends.
     */
    public static final String LOCKS_PREFIX = ".pulumi/locks/";

    /**
     * The shell command that points the Pulumi CLI at a backend, quoted as one word: a backend URL's {@code ?} and
     * {@code &} are shell characters.
     */
    public static String loginCommand(String backendUrl) {
        return "pulumi login '" + backendUrl.replace("'", "'\\''") + "'";
    }

    private BackendLayout() {
    }
}
