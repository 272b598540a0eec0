package io.statebackend.settings;

import java.util.Optional;
import java.util.Set;

/**
 * Stack configuration in the form the Pulumi engine hands it to a program: fully qualified keys
 * ({@code namespace:key}) mapped to raw strings, with structured values (arrays) as JSON text.
 */
public interface StackConfig {

    Optional<String> get(String qualifiedKey);

    /** Every key the stack sets, when the source can list them; empty when it cannot. */
    Optional<Set<String>> keys();

    /** Whether the stack keeps this key's value encrypted, so that no message may show it. */
    default boolean isSecret(String qualifiedKey) {
        return false;
    }
}
