package io.warden.server.ensemble;

import io.warden.znode.Id;
import io.warden.znode.acl.AuthInfo;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of a {@link io.warden.server.quorum.PeerFrame.Forward}: the client's auth ids (the leader
 * checks ACLs against them) followed by the request body as the client sent it. Immutable.
 */
record ForwardedRequest(AuthInfo auth, byte[] body) {
    byte[] encode() {
        JuteWriter w = new JuteWriter(32 + body.length);
        w.writeInt(auth.ids().size());
        for (Id id : auth.ids()) {
            w.writeString(id.scheme());
            w.writeString(id.id());
        }
        w.writeBuffer(body);
        return w.toByteArray();
    }

    static ForwardedRequest decode(byte[] bytes) {
        JuteReader r = new JuteReader(bytes, 0, bytes.length, bytes.length);
        int n = r.readInt();
        if (n < 0 || n > 1024) {
            throw new IllegalArgumentException("bad auth id count " + n);
        }
        List<Id> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(new Id(r.readString(), r.readString()));
        }
        byte[] body = r.readBuffer();
        return new ForwardedRequest(new AuthInfo(ids), body == null ? new byte[0] : body);
    }
}
