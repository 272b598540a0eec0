package io.statebackend.settings;

import java.util.List;
import java.util.Locale;

/**
 * Ids that documentation (and this project's Pulumi.prod.yaml) uses as examples and that no real tenant, subscription
 * or account has. Production refuses them, so a stack file whose examples were never replaced stops before anything is
 * declared instead of failing half-way through {@code pulumi up}.
 */
public final class ExampleValues {

    /** Account ids from the AWS documentation's examples; the pack holds a generated copy. */
    public static final List<String> DOCUMENTATION_ACCOUNTS =
            List.of("123456789012", "111122223333", "444455556666", "777788889999", "012345678901");

    private ExampleValues() {
    }

    /** A GUID of one repeated digit ({@code 00000000-…}, {@code 11111111-…}) or counting up ({@code 12345678-1234-…}). */
    static boolean isExampleGuid(String guid) {
        String digits = guid.replace("-", "").toLowerCase(Locale.ROOT);
        return digits.chars().distinct().count() == 1 || digits.startsWith("123456781234");
    }

    /** An account id of one repeated digit, or one the AWS documentation uses. */
    static boolean isExampleAccount(String accountId) {
        return accountId.chars().distinct().count() == 1 || DOCUMENTATION_ACCOUNTS.contains(accountId);
    }
}
