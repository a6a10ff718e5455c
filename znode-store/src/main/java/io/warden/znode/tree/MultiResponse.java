package io.warden.znode.tree;

import io.warden.znode.OpResult;
import io.warden.znode.wire.JuteRecord;
import io.warden.znode.wire.JuteWriter;
import io.warden.znode.wire.MultiCodec;

import java.util.List;

/** The body of a multi or multiRead reply. */
public record MultiResponse(List<OpResult> results) implements JuteRecord {
    @Override
    public void write(JuteWriter out) {
        MultiCodec.writeResults(out, results);
    }
}
