package io.statebackend.common;

/** Where the Pulumi CLI keeps things in a self-managed backend's bucket or container. */
public final class BackendLayout {

    /**
     * A full copy of a stack's checkpoint, written once per update ({@code .pulumi/backups/<project>/<stack>/}). With
     * versioning on, every earlier checkpoint is already kept as a version, so these copies are redundant and may
     * expire with the versions.
     */
    public static final String CHECKPOINT_BACKUPS_PREFIX = ".pulumi/backups/";

    private BackendLayout() {
    }
}
