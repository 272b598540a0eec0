package io.statebackend.process;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A command's display line is shell that runs the same command when pasted. */
class CommandTest {

    @Test
    void safeWordsStayBareAndOthersAreSingleQuoted() {
        assertEquals("pulumi", Command.quote("pulumi"));
        assertEquals("s3://state-bucket/prefix", Command.quote("s3://state-bucket/prefix"));
        assertEquals("'azblob://state?storage_account=acct'", Command.quote("azblob://state?storage_account=acct"));
        assertEquals("''", Command.quote(""));
        assertEquals("'two words'", Command.quote("two words"));
        assertEquals("'it'\\''s'", Command.quote("it's"));
        assertEquals("'$HOME'", Command.quote("$HOME"));
    }

    @Test
    void displayPutsTheCommandsOwnEnvironmentFirstSortedByName() {
        Command command = Command.of("pulumi", "stack", "ls", "--json")
                .env("PULUMI_BACKEND_URL", "s3://state bucket")
                .env("AWS_PROFILE", "admin")
                .capture()
                .build();
        assertEquals("AWS_PROFILE=admin PULUMI_BACKEND_URL='s3://state bucket' pulumi stack ls --json", command.display());
        assertEquals(Command.Output.CAPTURE, command.output());
        assertEquals(Map.of("AWS_PROFILE", "admin", "PULUMI_BACKEND_URL", "s3://state bucket"), command.env());
    }

    @Test
    void displayStartsWithTheVariablesTheCommandRemoves() {
        Command command = Command.of("pulumi", "preview")
                .unset("PULUMI_CONFIG_PASSPHRASE_FILE", "PULUMI_CONFIG_PASSPHRASE")
                .env("PULUMI_BACKEND_URL", "file:///state")
                .build();
        assertEquals("env -u PULUMI_CONFIG_PASSPHRASE -u PULUMI_CONFIG_PASSPHRASE_FILE PULUMI_BACKEND_URL=file:///state"
                + " pulumi preview", command.display());
    }

    @Test
    void argIfAddsArgumentsOnlyWhenTheConditionHolds() {
        assertEquals(List.of("pulumi", "up", "--yes"), Command.of("pulumi", "up").argIf(true, "--yes").build().argv());
        assertEquals(List.of("pulumi", "up"), Command.of("pulumi", "up").argIf(false, "--yes").build().argv());
    }

    @Test
    void aCommandNeedsAProgram() {
        assertThrows(IllegalArgumentException.class, () -> new Command(List.of(), Map.of(), Set.of(), Command.Output.TERMINAL));
    }
}
