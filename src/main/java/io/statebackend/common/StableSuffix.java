package io.statebackend.common;

import com.google.common.io.BaseEncoding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A short suffix that makes a globally unique name deterministic: the same stable inputs (subscription or account,
 * project, stack) always give the same suffix, so a re-run never renames, and so never replaces, a resource.
 */
public final class StableSuffix {

    public static final int LENGTH = 12;

    private StableSuffix() {
    }

    /** {@value #LENGTH} lowercase letters and digits (base32 of SHA-256 over the parts). */
    public static String of(String... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return BaseEncoding.base32().omitPadding().encode(digest).toLowerCase(Locale.ROOT).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
