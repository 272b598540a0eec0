package io.statebackend.vocabulary;

/** A resource type as both sides name it: the engine's token and the policy pack's key for it. */
public interface ResourceTypeName {

    /** {@code <package>:<module>:<type>}, as the engine passes it to providers and to policy packs. */
    String token();

    /** The key of this type in the pack's {@code AzureTypes} or {@code AwsTypes}. */
    String packName();
}
