package io.warden.znode.acl;

import io.warden.znode.Id;

import java.nio.charset.StandardCharsets;

/**
 * Handles addAuth packets (opcode 100). Knows the digest scheme (with an optional super digest,
 * ZooKeeper's {@code superDigest} "super:hash" value) and the ip scheme. Immutable and thread-safe.
 */
public final class Authenticator {
    private final String superDigest;

    /** @param superDigest a {@code user:base64hash} digest that grants super rights, or null */
    public Authenticator(String superDigest) {
        this.superDigest = superDigest;
    }

    /**
     * @param remoteAddress the connection's address (the ip scheme re-adds it)
     * @return the connection's new auth ids, or null when the scheme is unknown or rejects the
     *         credentials (the server answers AUTHFAILED and closes the connection)
     */
    public AuthInfo authenticate(AuthInfo current, String scheme, byte[] auth, String remoteAddress) {
        if (scheme == null) {
            return null;
        }
        if (scheme.equals(DigestAuth.SCHEME)) {
            if (auth == null) {
                return null;
            }
            String digest = DigestAuth.digest(new String(auth, StandardCharsets.UTF_8));
            AuthInfo next = current.with(new Id(DigestAuth.SCHEME, digest));
            if (superDigest != null && superDigest.equals(digest)) {
                next = next.with(new Id("super", ""));
            }
            return next;
        }
        if (scheme.equals(IpMatcher.SCHEME)) {
            return remoteAddress == null ? current : current.with(new Id(IpMatcher.SCHEME, remoteAddress));
        }
        return null;
    }
}
