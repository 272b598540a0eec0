package io.statebackend.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BackendLayoutTest {

    @Test
    void theLoginCommandQuotesTheUrlAsOneShellWord() {
        assertEquals("pulumi login 's3://state?region=eu-west-1&awssdk=v2'",
                BackendLayout.loginCommand("s3://state?region=eu-west-1&awssdk=v2"));
        assertEquals("pulumi login 'file:///home/o'\\''brien/state'",
                BackendLayout.loginCommand("file:///home/o'brien/state"));
    }
}
