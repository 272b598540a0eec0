package io.statebackend.settings;

/** A project or stack file that is missing or cannot be read; the message is one line a person can act on. */
public final class StackFileException extends RuntimeException {

    public StackFileException(String message) {
        super(message);
    }
}
