package io.warden.recipes.locks;

import java.io.Closeable;
import java.io.IOException;

/** One lease of an {@link InterProcessSemaphoreV2}; closing it returns the lease. */
public interface Lease extends Closeable {
    @Override
    void close() throws IOException;

    /** The data stored in the lease node. */
    byte[] getData() throws Exception;

    /** The lease node's name. */
    String getNodeName();
}
