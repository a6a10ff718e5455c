package io.warden.bench;

/**
 * One client session as the load driver sees it: three asynchronous operations and close.
 * Adapters exist for the official ZooKeeper client, Curator and Warden's framework, so one driver
 * measures them all the same way.
 *
 * <p>Calls must not block (beyond the client's own internal queueing); each {@link Completion}
 * is called exactly once, on whatever thread the client delivers results on.
 */
interface AsyncClient extends AutoCloseable {

    /** Outcome of one operation. */
    @FunctionalInterface
    interface Completion {
        /** @param ok whether the server answered with success */
        void done(boolean ok);
    }

    /** Creates a persistent-sequential node named {@code pathPrefix + <sequence>}. */
    void create(String pathPrefix, byte[] data, Completion done);

    /** Sets data on an existing node, any version. */
    void setData(String path, byte[] data, Completion done);

    /** Reads a node's data without a watch. */
    void getData(String path, Completion done);

    /** Closes the session; blocks until it is closed or a short deadline passes. */
    @Override
    void close() throws Exception;

    /** Opens sessions of one client library against a connect string. */
    interface Factory {
        /** Short name for tables, e.g. "Curator 5.7.1". */
        String label();

        /** Opens a connected session; blocks until connected or fails. */
        AsyncClient open(String connectString) throws Exception;
    }
}
