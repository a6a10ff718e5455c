package io.warden.framework;

/** Credentials sent after every (re)connect, e.g. {@code new AuthInfo("digest", "user:pw".getBytes())}. */
public record AuthInfo(String scheme, byte[] auth) {
    public String getScheme() { return scheme; }
    public byte[] getAuth() { return auth.clone(); }
}
