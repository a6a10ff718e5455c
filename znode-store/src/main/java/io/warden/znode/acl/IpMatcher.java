package io.warden.znode.acl;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The ip scheme: an ACL id is an address ("10.1.2.3", "::1") or a range ("10.0.0.0/8"); a connection
 * id is its remote address. Only literal addresses are accepted, so parsing never does DNS.
 */
public final class IpMatcher {
    private IpMatcher() {}

    public static final String SCHEME = "ip";

    /** True when {@code aclId} is an address or address/bits this scheme understands. */
    public static boolean isValid(String aclId) {
        int slash = aclId.indexOf('/');
        byte[] addr = parse(slash < 0 ? aclId : aclId.substring(0, slash));
        if (addr == null) {
            return false;
        }
        return slash < 0 || bits(aclId.substring(slash + 1), addr.length * 8) >= 0;
    }

    /** True when the connection address {@code clientAddr} falls inside {@code aclId}. */
    public static boolean matches(String clientAddr, String aclId) {
        int slash = aclId.indexOf('/');
        byte[] range = parse(slash < 0 ? aclId : aclId.substring(0, slash));
        byte[] client = parse(clientAddr);
        if (range == null || client == null || range.length != client.length) {
            return false;
        }
        int bits = slash < 0 ? range.length * 8 : bits(aclId.substring(slash + 1), range.length * 8);
        if (bits < 0) {
            return false;
        }
        for (int i = 0; i < range.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((range[i] & mask) != (client[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static int bits(String s, int max) {
        if (s.isEmpty() || s.length() > 3) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        int b = Integer.parseInt(s);
        return b <= max ? b : -1;
    }

    /** 4 or 16 bytes for a literal address, null otherwise. */
    static byte[] parse(String s) {
        if (s.indexOf(':') >= 0) {
            return parseV6(s);
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = bits(parts[i], 255);
            if (v < 0) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return null;
            }
        }
        try {
            // A string with ':' and only hex digits is parsed as a literal; no name lookup happens.
            byte[] b = InetAddress.getByName(s).getAddress();
            return b.length == 16 ? b : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
