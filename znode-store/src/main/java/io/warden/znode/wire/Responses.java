package io.warden.znode.wire;

import io.warden.znode.ACL;
import io.warden.znode.Stat;

import java.util.ArrayList;
import java.util.List;

/** Response bodies, grouped by shape. */
public final class Responses {
    private Responses() {}

    /** {path}: create and sync. */
    public record PathResponse(String path) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeString(path); }
        public static PathResponse read(JuteReader in) { return new PathResponse(in.readString()); }
    }

    /** {path, stat}: create2, createContainer, createTTL. */
    public record Create2Response(String path, Stat stat) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeString(path).writeStat(stat); }
        public static Create2Response read(JuteReader in) { return new Create2Response(in.readString(), in.readStat()); }
    }

    /** {stat}: exists, setData, setACL. */
    public record StatResponse(Stat stat) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeStat(stat); }
        public static StatResponse read(JuteReader in) { return new StatResponse(in.readStat()); }
    }

    /** {data, stat}: getData (and reconfig). */
    public record GetDataResponse(byte[] data, Stat stat) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeBuffer(data).writeStat(stat); }
        public static GetDataResponse read(JuteReader in) { return new GetDataResponse(in.readBuffer(), in.readStat()); }
    }

    public record GetACLResponse(List<ACL> acl, Stat stat) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeAclList(acl).writeStat(stat); }
        public static GetACLResponse read(JuteReader in) { return new GetACLResponse(in.readAclList(), in.readStat()); }
    }

    /** {[names]}: getChildren and getEphemerals. */
    public record ChildrenResponse(List<String> children) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeStringList(children); }
        public static ChildrenResponse read(JuteReader in) { return new ChildrenResponse(in.readStringList()); }
    }

    public record Children2Response(List<String> children, Stat stat) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeStringList(children).writeStat(stat); }
        public static Children2Response read(JuteReader in) { return new Children2Response(in.readStringList(), in.readStat()); }
    }

    /** {int}: addWatch's ErrorResponse and getAllChildrenNumber. */
    public record IntResponse(int value) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeInt(value); }
        public static IntResponse read(JuteReader in) { return new IntResponse(in.readInt()); }
    }

    /** The body of a notification (xid -1). */
    public record WatcherEvent(int type, int state, String path) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeInt(type).writeInt(state).writeString(path); }
        public static WatcherEvent read(JuteReader in) { return new WatcherEvent(in.readInt(), in.readInt(), in.readString()); }
    }

    public record ClientInfo(String authScheme, String user) {}

    public record WhoAmIResponse(List<ClientInfo> clientInfo) implements JuteRecord {
        @Override
        public void write(JuteWriter out) {
            out.writeInt(clientInfo.size());
            for (ClientInfo ci : clientInfo) {
                out.writeString(ci.authScheme()).writeString(ci.user());
            }
        }

        public static WhoAmIResponse read(JuteReader in) {
            int n = in.readInt();
            List<ClientInfo> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(new ClientInfo(in.readString(), in.readString()));
            }
            return new WhoAmIResponse(out);
        }
    }
}
