package io.warden.server.pipeline;

import io.warden.server.net.ClientConnection;

/** A frame for one connection, released by the {@link DurabilityBarrier}; optionally closing it after. */
record Output(ClientConnection connection, byte[] frame, long zxid, boolean closeAfter) {}
