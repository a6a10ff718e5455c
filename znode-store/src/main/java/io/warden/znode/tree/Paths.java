package io.warden.znode.tree;

import java.util.Locale;

/** Allocation-light path helpers for the hot path (the rules are {@link io.warden.znode.PathUtils}'s). */
final class Paths {
    private Paths() {}

    /** ZooKeeper's path rules in one pass, without splitting. */
    static boolean isValid(String path) {
        int len = path == null ? 0 : path.length();
        if (len == 0 || path.charAt(0) != '/') {
            return false;
        }
        if (len == 1) {
            return true;
        }
        if (path.charAt(len - 1) == '/') {
            return false;
        }
        int segStart = 1;
        for (int i = 1; i <= len; i++) {
            char c = i < len ? path.charAt(i) : '/';
            if (c == '/') {
                int segLen = i - segStart;
                if (segLen == 0) {
                    return false;
                }
                if (path.charAt(segStart) == '.' && (segLen == 1 || (segLen == 2 && path.charAt(segStart + 1) == '.'))) {
                    return false;
                }
                segStart = i + 1;
            } else if (c == 0 || (c < 0x20) || (c >= 0x7f && c <= 0x9f)
                    || (c >= 0xd800 && c <= 0xf8ff) || c >= 0xfff0) {
                return false;
            }
        }
        return true;
    }

    /** The parent path; null for the root. */
    static String parent(String path) {
        int idx = path.lastIndexOf('/');
        if (idx < 0 || path.length() == 1) {
            return null;
        }
        return idx == 0 ? "/" : path.substring(0, idx);
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The sequential suffix: the counter zero-padded to 10 digits (String.format's form when negative). */
    static String sequenceSuffix(int counter) {
        if (counter < 0) {
            return String.format(Locale.ROOT, "%010d", counter);
        }
        char[] c = new char[10];
        for (int i = 9; i >= 0; i--) {
            c[i] = (char) ('0' + counter % 10);
            counter /= 10;
        }
        return new String(c);
    }
}
