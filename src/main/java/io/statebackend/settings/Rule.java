package io.statebackend.settings;

import java.util.OptionalInt;

/**
 * One condition a setting's value must meet, declared with the setting (see {@link Rules} for the ones this project
 * uses).
 *
 * @param <T> the value's type
 */
public interface Rule<T> {

    /** Throws a {@link SettingsException} naming the setting, the value and what is expected when the value fails. */
    void check(Setting<?> setting, T value, Profile profile);

    /** What the rule allows, for the settings documentation; empty when the setting's description says it already. */
    String summary();

    /** The lowest number the rule lets {@code profile} use, when it sets one. */
    default OptionalInt lowestIn(Profile profile) {
        return OptionalInt.empty();
    }

    /** The highest number the rule allows, when it sets one. */
    default OptionalInt highest() {
        return OptionalInt.empty();
    }
}
