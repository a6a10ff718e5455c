package io.warden.recipes.shared;

import io.warden.framework.CuratorFramework;
import io.warden.framework.state.ConnectionState;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * An int shared by every client that opens the same path (Curator's SharedCount): a
 * {@link SharedValue} holding the count as 4 big-endian bytes. A node holding anything else is
 * reported with an IllegalStateException naming the path, never read as a wrong number.
 *
 * <p>Threading: as {@link SharedValue}; listeners are told on the client's event thread unless
 * added with an executor.
 */
public class SharedCount implements Closeable, SharedCountReader {
    private final SharedValue sharedValue;
    private final String path;
    private final Map<SharedCountListener, SharedValueListener> adapters = new ConcurrentHashMap<>();

    public SharedCount(CuratorFramework client, String path, int seedValue) {
        this.sharedValue = new SharedValue(client, path, toBytes(seedValue));
        this.path = path;
    }

    /** Creates the node with the seed if missing and reads the count (blocks). */
    public void start() throws Exception {
        sharedValue.start();
    }

    @Override
    public void close() {
        sharedValue.close();
        adapters.clear();
    }

    @Override
    public int getCount() {
        return fromBytes(sharedValue.getValue());
    }

    @Override
    public VersionedValue<Integer> getVersionedValue() {
        return sharedValue.getVersionedValue().mapValue(this::fromBytes);
    }

    /** Sets the count whatever it is now (blocks). */
    public void setCount(int newCount) throws Exception {
        sharedValue.setValue(toBytes(newCount));
    }

    /**
     * Sets the count only if nobody changed it since {@code previous} was read (blocks).
     *
     * @return false on a version conflict; this instance then holds the newer count
     */
    public boolean trySetCount(VersionedValue<Integer> previous, int newCount) throws Exception {
        return sharedValue.trySetValue(previous.mapValue(SharedCount::toBytes), toBytes(newCount));
    }

    /** @deprecated use {@link #trySetCount(VersionedValue, int)} */
    @Deprecated
    public boolean trySetCount(int newCount) throws Exception {
        return trySetCount(getVersionedValue(), newCount);
    }

    @Override
    public void addListener(SharedCountListener listener) {
        addListener(listener, null);
    }

    @Override
    public void addListener(SharedCountListener listener, Executor executor) {
        SharedValueListener adapter = new SharedValueListener() {
            @Override
            public void valueHasChanged(SharedValueReader value, byte[] newValue) throws Exception {
                listener.countHasChanged(SharedCount.this, fromBytes(newValue));
            }

            @Override
            public void stateChanged(CuratorFramework client, ConnectionState newState) {
                listener.stateChanged(client, newState);
            }
        };
        adapters.put(listener, adapter);
        sharedValue.getListenable().addListener(adapter, executor);
    }

    @Override
    public void removeListener(SharedCountListener listener) {
        SharedValueListener adapter = adapters.remove(listener);
        if (adapter != null) {
            sharedValue.getListenable().removeListener(adapter);
        }
    }

    private static byte[] toBytes(int value) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(value).array();
    }

    private int fromBytes(byte[] bytes) {
        if (bytes.length != Integer.BYTES) {
            throw new IllegalStateException("shared count " + path + " holds " + bytes.length
                    + " bytes, not a 4-byte count");
        }
        return ByteBuffer.wrap(bytes).getInt();
    }
}
