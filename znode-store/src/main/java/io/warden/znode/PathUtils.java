package io.warden.znode;

/** ZooKeeper's path rules: absolute, no empty, "." or ".." segments, no trailing slash, no control characters. */
public final class PathUtils {
    private PathUtils() {}

    /**
     * @return null when {@code path} is valid, otherwise the reason it is not
     */
    public static String whyInvalid(String path) {
        if (path == null) {
            return "path is null";
        }
        if (path.isEmpty()) {
            return "path length must be > 0";
        }
        if (path.charAt(0) != '/') {
            return "path must start with / character";
        }
        if (path.length() == 1) {
            return null;
        }
        if (path.charAt(path.length() - 1) == '/') {
            return "path must not end with / character";
        }
        // one pass over the segments without allocating: every client request validates its path
        int n = path.length();
        int start = 1;
        for (int i = 1; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                int len = i - start;
                if (len == 0) {
                    return "empty node name specified @" + start;
                }
                if (path.charAt(start) == '.' && (len == 1 || (len == 2 && path.charAt(start + 1) == '.'))) {
                    return "relative paths not allowed @" + start;
                }
                start = i + 1;
            }
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == 0) {
                return "null character not allowed @" + i;
            }
            if ((c > 0 && c < 0x20) || (c >= 0x7f && c <= 0x9f)
                    || (c >= 0xd800 && c <= 0xf8ff) || (c >= 0xfff0 && c <= 0xffff)) {
                return "invalid character @" + i;
            }
        }
        return null;
    }

    public static boolean isValid(String path) {
        return whyInvalid(path) == null;
    }

    /** @throws IllegalArgumentException naming the path and the reason when it is invalid */
    public static void validatePath(String path) {
        String why = whyInvalid(path);
        if (why != null) {
            throw new IllegalArgumentException("Invalid path string \"" + path + "\" caused by " + why);
        }
    }

    /** Validates a path that the server will append a sequence number to. */
    public static void validatePath(String path, boolean sequential) {
        validatePath(sequential ? path + "1" : path);
    }

    /** The parent of an absolute path; "/" for top-level nodes and null for the root. */
    public static String parent(String path) {
        if (path.equals("/")) {
            return null;
        }
        int idx = path.lastIndexOf('/');
        return idx == 0 ? "/" : path.substring(0, idx);
    }

    /** The last segment of an absolute path; "" for the root. */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
