package io.warden.recipes.nodes;

import io.warden.framework.CuratorFramework;
import io.warden.framework.utils.ZKPaths;
import io.warden.znode.CreateMode;
import io.warden.znode.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A node that exists while this process keeps touching it and disappears on its own some time
 * after the process dies, without needing a session (Curator's PersistentTtlNode). The node is a
 * CONTAINER kept by a {@link PersistentNode}; under it a PERSISTENT_WITH_TTL child is re-written
 * every {@code ttlMs * touchScheduleFactor}. When the touches stop, the server removes the child
 * once its TTL passes, and then the emptied container.
 *
 * <p>Needs a server with TTL nodes enabled (ZooKeeper: {@code zookeeper.extendedTypesEnabled=true}).
 * Threading: thread-safe; touches run on the scheduled executor (the object's own unless given).
 */
public class PersistentTtlNode implements Closeable {
    public static final String DEFAULT_CHILD_NODE_NAME = "touch";
    public static final double DEFAULT_TOUCH_SCHEDULE_FACTOR = 0.5;
    private static final Logger LOG = LoggerFactory.getLogger(PersistentTtlNode.class);

    private final CuratorFramework client;
    private final PersistentNode node;
    private final String childPath;
    private final long ttlMs;
    private final long touchPeriodMs;
    private final ScheduledExecutorService executor;
    private final boolean ownExecutor;
    private volatile Future<?> touchTask;
    /** Orders a running touch before close's deletes, so no touch re-creates the child afterwards. */
    private final ReentrantLock touchLock = new ReentrantLock();
    private boolean closed; // guarded by touchLock

    public PersistentTtlNode(CuratorFramework client, String path, long ttlMs, byte[] initData) {
        this(client, null, path, ttlMs, initData, DEFAULT_CHILD_NODE_NAME, DEFAULT_TOUCH_SCHEDULE_FACTOR);
    }

    /**
     * @param executor            runs the touches (null: a daemon thread of this object)
     * @param touchScheduleFactor fraction of the TTL between touches, in (0, 1)
     */
    public PersistentTtlNode(CuratorFramework client, ScheduledExecutorService executor, String path, long ttlMs,
                             byte[] initData, String childNodeName, double touchScheduleFactor) {
        if (ttlMs <= 0) {
            throw new IllegalArgumentException("ttlMs must be > 0: " + ttlMs);
        }
        if (!(touchScheduleFactor > 0 && touchScheduleFactor < 1)) {
            throw new IllegalArgumentException("touchScheduleFactor must be in (0, 1): " + touchScheduleFactor);
        }
        this.client = client;
        this.node = new PersistentNode(client, CreateMode.CONTAINER, false, path, initData, true);
        this.childPath = ZKPaths.makePath(path, childNodeName);
        this.ttlMs = ttlMs;
        this.touchPeriodMs = Math.max(1, (long) (ttlMs * touchScheduleFactor));
        this.ownExecutor = executor == null;
        this.executor = executor != null ? executor : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "PersistentTtlNode-" + path);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts creating the node and touching it. Does not block. */
    public void start() {
        node.start();
        touchTask = executor.scheduleAtFixedRate(this::touch, 0, touchPeriodMs, TimeUnit.MILLISECONDS);
    }

    public boolean waitForInitialCreate(long timeout, TimeUnit unit) throws InterruptedException {
        return node.waitForInitialCreate(timeout, unit);
    }

    /** The container node's path (null until created). */
    public String getActualPath() {
        return node.getActualPath();
    }

    public void setData(byte[] data) throws Exception {
        node.setData(data);
    }

    public byte[] getData() {
        return node.getData();
    }

    private void touch() {
        touchLock.lock();
        try {
            if (!closed && node.getActualPath() != null) { // null: the container is being (re-)created
                touchChild();
            }
        } finally {
            touchLock.unlock();
        }
    }

    private void touchChild() {
        try {
            client.create().orSetData().withTtl(ttlMs).withMode(CreateMode.PERSISTENT_WITH_TTL)
                    .forPath(childPath, new byte[0]);
        } catch (KeeperException.NoNodeException containerGone) {
            // the PersistentNode re-creates the container; the next touch follows
        } catch (Exception e) {
            LOG.debug("ttl node {}: touch failed", childPath, e);
        }
    }

    /** Stops touching and deletes the child and the node (blocks). */
    @Override
    public void close() throws IOException {
        Future<?> task = touchTask;
        if (task != null) {
            task.cancel(false);
        }
        if (ownExecutor) {
            executor.shutdown();
        }
        touchLock.lock();
        try {
            closed = true;
            client.delete().guaranteed().quietly().forPath(childPath);
        } catch (Exception e) {
            LOG.debug("ttl node {}: could not delete the touch node", childPath, e);
        } finally {
            touchLock.unlock();
        }
        node.close();
    }
}
