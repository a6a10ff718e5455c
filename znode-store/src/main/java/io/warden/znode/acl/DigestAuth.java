package io.warden.znode.acl;

import io.warden.znode.Id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The ZooKeeper digest scheme: {@code "user:password"} authenticates as the id
 * {@code user:base64(sha1("user:password"))}. Stateless and thread-safe.
 */
public final class DigestAuth {
    private DigestAuth() {}

    public static final String SCHEME = "digest";

    /** {@code user:base64(sha1(userPassword))}, the user being the text before the first ':'. */
    public static String digest(String userPassword) {
        int colon = userPassword.indexOf(':');
        String user = colon < 0 ? userPassword : userPassword.substring(0, colon);
        try {
            byte[] sha = MessageDigest.getInstance("SHA1").digest(userPassword.getBytes(StandardCharsets.UTF_8));
            return user + ":" + Base64.getEncoder().encodeToString(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1 is not available", e);
        }
    }

    /** The digest id for a {@code user:password} string. */
    public static Id idFor(String userPassword) {
        return new Id(SCHEME, digest(userPassword));
    }

    /** A valid digest ACL id is {@code user:hash} with exactly one ':' and a non-empty hash. */
    public static boolean isValidId(String id) {
        int colon = id.indexOf(':');
        return colon >= 0 && colon == id.lastIndexOf(':') && colon < id.length() - 1;
    }
}
