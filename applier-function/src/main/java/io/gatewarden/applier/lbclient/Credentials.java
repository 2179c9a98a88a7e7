package io.gatewarden.applier.lbclient;

/** A controller login. {@link #toString()} never shows the password, so it cannot reach a log by accident. */
public record Credentials(String username, String password) {

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
