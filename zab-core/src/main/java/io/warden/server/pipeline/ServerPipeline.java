package io.warden.server.pipeline;

import io.warden.server.admin.ServerMode;
import io.warden.server.net.ClientPort;
import io.warden.server.net.ClientRequestSink;

/**
 * What {@link io.warden.server.WardenServer} needs of a request path: standalone or ensemble member.
 * Thread-safe lifecycle; {@link #lastZxid()} and {@link #mode()} may block briefly on the pipeline.
 */
public interface ServerPipeline extends AutoCloseable {
    ClientRequestSink requests();

    void attachPort(ClientPort port);

    /** The last zxid applied to this server's tree. */
    long lastZxid();

    default ServerMode mode() {
        return ServerMode.STANDALONE;
    }

    @Override
    void close();
}
