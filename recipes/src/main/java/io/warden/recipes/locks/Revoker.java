package io.warden.recipes.locks;

import io.warden.framework.CuratorFramework;
import io.warden.znode.KeeperException;

import java.nio.charset.StandardCharsets;

/** Asks the holder of a revocable lock node to release it (same marker bytes as Curator, so they interoperate). */
public final class Revoker {
    static final byte[] REVOKE_MESSAGE = "__REVOKE__".getBytes(StandardCharsets.UTF_8);

    private Revoker() {}

    /**
     * Writes the revocation marker into a lock node (one of {@code getParticipantNodes()}).
     * Blocks for one setData. A node that no longer exists is ignored.
     */
    public static void attemptRevoke(CuratorFramework client, String path) throws Exception {
        try {
            client.setData().forPath(path, REVOKE_MESSAGE);
        } catch (KeeperException.NoNodeException ignored) {
            // already released: nothing to revoke
        }
    }
}
