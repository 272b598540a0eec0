package io.statebackend.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runbook's "Restore a previous state version" for S3, its commands taken from docs/operations.md and run as
 * written (placeholders filled in) against the versioned bucket on moto: the stack goes back to the earlier update.
 */
@ExtendWith(E2e.class)
class RestoreIT {

    @TempDir
    Path tmp;

    @Test
    void theRunbooksCommandsRestoreTheStateOfAnEarlierUpdate() throws IOException {
        Moto moto = E2e.moto();
        String bucket = "restore-" + UUID.randomUUID().toString().substring(0, 8);
        Sandbox sandbox = new Sandbox(tmp).asConsumer().initConsumerOnS3(moto, bucket);
        sandbox.pulumiOk("config", "set", "greeting", "first", "--stack", "prod");
        sandbox.pulumiOk("up", "--yes", "--skip-preview", "--stack", "prod");
        String key = ".pulumi/stacks/consumer/prod.json";
        String firstVersion = moto.currentVersion(bucket, key);
        sandbox.pulumiOk("config", "set", "greeting", "second", "--stack", "prod");
        sandbox.pulumiOk("up", "--yes", "--skip-preview", "--stack", "prod");
        assertEquals("second", sandbox.pulumiOk("stack", "output", "greeting", "--stack", "prod").stdout().strip());

        Map<String, String> placeholders = Map.of("<bucket>", bucket, "<project>", "consumer", "<stack>", "prod",
                "<VersionId>", firstVersion);
        for (String command : runbookCommands()) {
            String filled = command;
            for (var p : placeholders.entrySet()) {
                filled = filled.replace(p.getKey(), p.getValue());
            }
            Run run = sandbox.bash(filled, Map.of());
            assertTrue(run.ok(), run::describe);
            if (filled.startsWith("aws s3api list-object-versions")) {
                assertTrue(run.stdout().contains(firstVersion), "the earlier version is listed:\n" + run.describe());
            }
        }
        assertEquals("first", sandbox.pulumiOk("stack", "output", "greeting", "--stack", "prod").stdout().strip(),
                "the stack is back at the earlier update");
        assertEquals("consumer-token-" + bucket, sandbox.pulumiOk("stack", "output", "token", "--show-secrets", "--stack", "prod")
                .stdout().strip(), "its secrets still decrypt");
    }

    /** The S3 restore, in the runbook's order: safety copy, list and fetch the version, convert, import, check. */
    static List<String> runbookCommands() throws IOException {
        String runbook = Files.readString(E2e.PROJECT.resolve("docs/operations.md"));
        String section = runbook.substring(runbook.indexOf("## Restore a previous state version"));
        List<String> commands = new ArrayList<>();
        commands.add(find(section, "`(pulumi stack export --file before-restore\\.json --stack <stack>)`"));
        String s3 = section.substring(section.indexOf("### S3 (versioned bucket)"));
        Matcher block = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(s3);
        assertTrue(block.find(), "the S3 section has a shell block");
        for (String command : block.group(1).replace("\\\n", " ").split("\n")) {
            commands.add(command.replaceAll("\\s+", " ").strip());
        }
        commands.add(find(section, "`(jq '[^`]*' old-checkpoint\\.json > old-deployment\\.json)`"));
        commands.add(find(section, "`(pulumi stack import --file old-deployment\\.json --stack <stack>)`"));
        commands.add(find(section, "check with\\s+`(pulumi preview)`"));
        return commands;
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "the runbook says " + regex);
        return m.group(1);
    }
}
