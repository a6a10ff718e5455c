package io.warden.framework.imps;

import io.warden.znode.PathUtils;

/**
 * A namespace prefix ({@code "app"} means every path lives under {@code /app}). Validates paths
 * before anything is sent: an invalid path throws IllegalArgumentException naming it.
 */
public record Namespace(String name) {
    public static final Namespace NONE = new Namespace("");

    public Namespace {
        name = name == null ? "" : name;
        if (!name.isEmpty()) {
            PathUtils.validatePath("/" + name);
        }
    }

    public static Namespace of(String name) {
        return name == null || name.isEmpty() ? NONE : new Namespace(name);
    }

    public boolean isEmpty() { return name.isEmpty(); }

    /** The namespace node itself, e.g. {@code /app}; "/" when there is none. */
    public String root() { return name.isEmpty() ? "/" : "/" + name; }

    /** Validates {@code path} and prefixes the namespace. */
    public String fix(String path, boolean sequential) {
        PathUtils.validatePath(path, sequential);
        if (name.isEmpty()) {
            return path;
        }
        return path.equals("/") ? root() : root() + path;
    }

    public String fix(String path) {
        return fix(path, false);
    }

    /** Removes the namespace prefix from a server-side path. */
    public String unfix(String path) {
        if (name.isEmpty() || path == null) {
            return path;
        }
        String root = root();
        if (path.equals(root)) {
            return "/";
        }
        return path.startsWith(root + "/") ? path.substring(root.length()) : path;
    }
}
