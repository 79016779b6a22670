package dev.crmmirror.sandbox;

/** The OAuth client and refresh token a sandbox accepts; random for every sandbox. */
public record Credentials(String clientId, String clientSecret, String refreshToken) {
    /** Keeps secrets out of logs that print the record by accident. */
    @Override
    public String toString() {
        return "Credentials[clientId=" + clientId + ", clientSecret=***, refreshToken=***]";
    }
}
