package io.warden.recipes.nodes;

import io.warden.framework.CuratorFramework;
import io.warden.framework.utils.ZKPaths;
import io.warden.recipes.cache.ChildData;
import io.warden.recipes.cache.CuratorCache;
import io.warden.znode.CreateMode;
import io.warden.znode.PathUtils;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Group membership (Curator's GroupMember): this member is an EPHEMERAL node
 * {@code membershipPath/thisId}, kept by a {@link PersistentNode} (so it comes back after a
 * session loss or a deletion), and the group is read from a {@link CuratorCache} of the
 * membership path.
 *
 * <p>Threading: thread-safe; {@link #getCurrentMembers()} reads the cache and never blocks.
 */
public class GroupMember implements Closeable {
    private final CuratorFramework client;
    private final String membershipPath;
    private final String thisId;
    private final PersistentNode node;
    private final CuratorCache cache;

    public GroupMember(CuratorFramework client, String membershipPath, String thisId) {
        this(client, membershipPath, thisId, new byte[0]);
    }

    /** @param thisId this member's id: one node name (no '/') */
    public GroupMember(CuratorFramework client, String membershipPath, String thisId, byte[] payload) {
        PathUtils.validatePath(membershipPath);
        if (thisId == null || thisId.isEmpty() || thisId.contains("/")) {
            throw new IllegalArgumentException("member id must be one non-empty node name: " + thisId);
        }
        this.client = client;
        this.membershipPath = membershipPath;
        this.thisId = thisId;
        this.node = new PersistentNode(client, CreateMode.EPHEMERAL, false,
                ZKPaths.makePath(membershipPath, thisId), payload);
        this.cache = CuratorCache.build(client, membershipPath);
    }

    /** Joins the group (in the background) and starts watching it. */
    public void start() {
        node.start();
        cache.start();
    }

    /**
     * Changes this member's payload; does not block (written in the background, see
     * {@link PersistentNode#setData}). @throws IllegalStateException before this member's node was
     * first created, or after close (as Curator)
     */
    public void setThisData(byte[] data) {
        try {
            node.setData(data);
        } catch (Exception e) {
            throw new IllegalStateException("could not set the data of member " + thisId, e);
        }
    }

    /** Leaves the group (deletes this member's node) and stops watching. */
    @Override
    public void close() throws IOException {
        cache.close();
        node.close();
    }

    /**
     * The members as this process sees them, id to payload. Always includes this member (with
     * its latest payload), even before its node has been created or while it is re-created.
     */
    public Map<String, byte[]> getCurrentMembers() {
        Map<String, byte[]> members = new LinkedHashMap<>();
        cache.stream().filter(this::isMemberNode).sorted()
                .forEach(d -> members.put(idFromPath(d.getPath()), d.getData()));
        members.put(thisId, node.getData());
        return Collections.unmodifiableMap(members);
    }

    /** The member id of a member node path (its last segment). */
    public String idFromPath(String path) {
        return ZKPaths.getNodeFromPath(path);
    }

    private boolean isMemberNode(ChildData d) {
        String path = d.getPath();
        return !path.equals(membershipPath) && ZKPaths.getPathAndNode(path).getPath().equals(membershipPath);
    }
}
