package io.statebackend.vocabulary;

import com.pulumi.resources.CustomResource;
import io.statebackend.common.ResourceTokens;

import java.util.Arrays;
import java.util.Optional;

/** A resource type as both sides name it: the engine's token and the policy pack's key for it. */
public interface ResourceTypeName {

    /** The token and pack key of one type. */
    record Names(String token, String packName) {

        static Names of(Class<? extends CustomResource> sdkClass, String packName) {
            return new Names(ResourceTokens.of(sdkClass), packName);
        }
    }

    Names names();

    /** {@code <package>:<module>:<type>}, as the engine passes it to providers and to policy packs. */
    default String token() {
        return names().token();
    }

    /** The key of this type in the pack's {@code AzureTypes} or {@code AwsTypes}. */
    default String packName() {
        return names().packName();
    }

    static <E extends Enum<E> & ResourceTypeName> Optional<E> byToken(Class<E> types, String token) {
        return Arrays.stream(types.getEnumConstants()).filter(t -> t.token().equals(token)).findFirst();
    }
}
