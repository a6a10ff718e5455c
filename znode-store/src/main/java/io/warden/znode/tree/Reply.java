package io.warden.znode.tree;

import io.warden.znode.wire.JuteRecord;

/**
 * The answer to one request: {@code err} (0 or a KeeperException code) and the response record.
 * Error replies never have a body; a body may also be null on success (delete, setWatches...).
 */
public record Reply(int err, JuteRecord body) {
    public static final Reply OK = new Reply(0, null);

    public Reply {
        if (err != 0 && body != null) {
            throw new IllegalArgumentException("error replies carry no body");
        }
    }

    public static Reply error(int err) {
        return new Reply(err, null);
    }

    public static Reply ok(JuteRecord body) {
        return new Reply(0, body);
    }

    public boolean isError() {
        return err != 0;
    }
}
