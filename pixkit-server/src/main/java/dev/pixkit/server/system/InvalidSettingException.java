package dev.pixkit.server.system;

/** A configuration value that Pixkit cannot start with; the message names the setting and what is accepted. */
public final class InvalidSettingException extends RuntimeException {
    public InvalidSettingException(String message) {
        super(message);
    }
}
