package io.warden.framework.utils;

import io.warden.client.ZkClient;
import io.warden.framework.api.ACLProvider;
import io.warden.framework.imps.DefaultACLProvider;
import io.warden.framework.imps.FrameworkCore;
import io.warden.framework.imps.Namespace;
import io.warden.framework.imps.TreeOps;
import io.warden.znode.CreateMode;
import io.warden.znode.KeeperException;
import io.warden.znode.PathUtils;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Path helpers, named as in Curator's ZKPaths. The blocking helpers block the calling thread. */
public final class ZKPaths {
    private ZKPaths() {}

    public static final String PATH_SEPARATOR = "/";

    /** A path split into its parent and last segment. */
    public record PathAndNode(String path, String node) {
        public String getPath() { return path; }
        public String getNode() { return node; }
    }

    /** Joins {@code parent} and {@code child} with exactly one separator; either may be null or empty. */
    public static String makePath(String parent, String child) {
        StringBuilder sb = new StringBuilder();
        append(sb, parent);
        append(sb, child);
        return sb.length() == 0 ? PATH_SEPARATOR : sb.toString();
    }

    public static String makePath(String parent, String firstChild, String... restChildren) {
        StringBuilder sb = new StringBuilder();
        append(sb, parent);
        append(sb, firstChild);
        for (String c : restChildren) {
            append(sb, c);
        }
        return sb.length() == 0 ? PATH_SEPARATOR : sb.toString();
    }

    private static void append(StringBuilder sb, String part) {
        if (part == null || part.isEmpty() || part.equals(PATH_SEPARATOR)) {
            return;
        }
        if (!part.startsWith(PATH_SEPARATOR)) {
            sb.append('/');
        }
        sb.append(part.endsWith(PATH_SEPARATOR) ? part.substring(0, part.length() - 1) : part);
    }

    /** The last segment: {@code /a/b} gives {@code b}. */
    public static String getNodeFromPath(String path) {
        PathUtils.validatePath(path);
        int i = path.lastIndexOf('/');
        return i < 0 ? path : path.substring(i + 1);
    }

    public static PathAndNode getPathAndNode(String path) {
        PathUtils.validatePath(path);
        int i = path.lastIndexOf('/');
        if (i < 0) {
            return new PathAndNode(path, "");
        }
        if (i + 1 >= path.length()) {
            return new PathAndNode(PATH_SEPARATOR, "");
        }
        String node = path.substring(i + 1);
        String parent = i > 0 ? path.substring(0, i) : PATH_SEPARATOR;
        return new PathAndNode(parent, node);
    }

    /** The segments of a path: {@code /a/b} gives {@code [a, b]}, {@code /} gives {@code []}. */
    public static List<String> split(String path) {
        PathUtils.validatePath(path);
        if (path.equals(PATH_SEPARATOR)) {
            return List.of();
        }
        return List.of(path.substring(1).split(PATH_SEPARATOR));
    }

    /** The namespaced form of {@code path}; {@code fixForNamespace("app", "/x")} is {@code /app/x}. */
    public static String fixForNamespace(String namespace, String path) {
        return fixForNamespace(namespace, path, false);
    }

    public static String fixForNamespace(String namespace, String path, boolean isSequential) {
        return Namespace.of(namespace).fix(path, isSequential);
    }

    /** The 10-digit suffix a sequential create appended, or null. */
    public static String extractSequentialSuffix(String path) {
        int len = path.length();
        return len >= 10 && path.substring(len - 10).chars().allMatch(Character::isDigit) ? path.substring(len - 10) : null;
    }

    /** Creates every missing node of {@code path} (persistent, open ACL). Blocks. */
    public static void mkdirs(ZkClient zk, String path) throws Exception {
        mkdirs(zk, path, true, new DefaultACLProvider(), false);
    }

    public static void mkdirs(ZkClient zk, String path, boolean makeLastNode) throws Exception {
        mkdirs(zk, path, makeLastNode, new DefaultACLProvider(), false);
    }

    /** Creates the missing ancestors of {@code path} (and the node itself with {@code makeLastNode}). Blocks. */
    public static void mkdirs(ZkClient zk, String path, boolean makeLastNode, ACLProvider aclProvider,
                              boolean asContainers) throws Exception {
        PathUtils.validatePath(path);
        List<String> segments = split(path);
        int n = makeLastNode ? segments.size() : segments.size() - 1;
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < n; i++) {
            cur.append('/').append(segments.get(i));
            String p = cur.toString();
            if (FrameworkCore.await(zk.exists(p, null)) != null) {
                continue;
            }
            List<io.warden.znode.ACL> acl = aclProvider.getAclForPath(p);
            if (acl == null || acl.isEmpty()) {
                acl = aclProvider.getDefaultAcl();
            }
            try {
                FrameworkCore.await(zk.create(p, new byte[0], acl,
                        asContainers ? CreateMode.CONTAINER : CreateMode.PERSISTENT, -1));
            } catch (KeeperException.NodeExistsException ignore) {
                // created concurrently: fine
            }
        }
    }

    /** Deletes the descendants of {@code path}, and the node itself with {@code deleteSelf}. Blocks. */
    public static void deleteChildren(ZkClient zk, String path, boolean deleteSelf) throws Exception {
        PathUtils.validatePath(path);
        FrameworkCore.await(TreeOps.deleteChildren(zk, path, deleteSelf));
    }

    /** The children of {@code path}, sorted. Blocks. */
    public static List<String> getSortedChildren(ZkClient zk, String path) throws Exception {
        List<String> children = new ArrayList<>(FrameworkCore.await(zk.getChildren(path, null)).children());
        Collections.sort(children);
        return children;
    }
}
