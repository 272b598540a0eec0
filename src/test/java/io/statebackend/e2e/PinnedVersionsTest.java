package io.statebackend.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The install instructions name the versions {@code tools/pulumi/versions} pins (what the install script, the
 * end-to-end tests and the workflow read), so that a newcomer who installs by hand gets the tested toolchain.
 */
class PinnedVersionsTest {

    private static final Pattern CLI = Pattern.compile("(?:CLI \\(?|--version )(\\d+\\.\\d+\\.\\d+)\\b(?! or later)");
    private static final Pattern LANGUAGE_HOST =
            Pattern.compile("(?:language host \\(?|language java )(\\d+\\.\\d+\\.\\d+)\\b");

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "docs/testing.md"})
    void theDocsNameOnlyThePinnedVersions(String doc) throws IOException {
        String text = Files.readString(E2e.PROJECT.resolve(doc));
        assertTrue(CLI.matcher(text).find() && LANGUAGE_HOST.matcher(text).find(), doc + " names both versions");
        assertEquals(List.of(), unpinned(text, E2e.VERSIONS));
    }

    @Test
    void aVersionOtherThanThePinIsReported() {
        Properties pins = new Properties();
        pins.setProperty("PULUMI_VERSION", "3.274.1");
        pins.setProperty("PULUMI_JAVA_VERSION", "1.22.0");
        String doc = "pinned (CLI 3.200.0, Java language host 1.22.0): `--version 3.274.1`, `pulumi plugin install"
                + " language java 1.9.0`; `stack migrate` needs CLI 3.254.0 or later";
        assertEquals(List.of("CLI 3.200.0", "language host 1.9.0"), unpinned(doc, pins));
    }

    /** The CLI and language host versions {@code doc} names that are not the pinned ones; minimums left out. */
    private static List<String> unpinned(String doc, Properties pins) {
        List<String> found = new ArrayList<>();
        collect(CLI.matcher(doc), "CLI", pins.getProperty("PULUMI_VERSION"), found);
        collect(LANGUAGE_HOST.matcher(doc), "language host", pins.getProperty("PULUMI_JAVA_VERSION"), found);
        return found;
    }

    private static void collect(Matcher mentions, String what, String pinned, List<String> found) {
        while (mentions.find()) {
            if (!mentions.group(1).equals(pinned)) {
                found.add(what + " " + mentions.group(1));
            }
        }
    }
}
