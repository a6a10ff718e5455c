package io.warden.znode.wire;

import io.warden.znode.ACL;

import java.util.List;

/**
 * Request bodies, grouped by shape: several opcodes share one layout (e.g. exists, getData and
 * getChildren are all {path, watch}).
 */
public final class Requests {
    private Requests() {}

    /** {path}: getACL, sync, getAllChildrenNumber, getEphemerals (a prefix), deleteContainer. */
    public record PathRequest(String path) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeString(path); }
        public static PathRequest read(JuteReader in) { return new PathRequest(in.readString()); }
    }

    /** {path, watch}: exists, getData, getChildren, getChildren2. */
    public record PathWatchRequest(String path, boolean watch) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeString(path).writeBool(watch); }
        public static PathWatchRequest read(JuteReader in) { return new PathWatchRequest(in.readString(), in.readBool()); }
    }

    /** {path, version}: delete and check. */
    public record PathVersionRequest(String path, int version) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeString(path).writeInt(version); }
        public static PathVersionRequest read(JuteReader in) { return new PathVersionRequest(in.readString(), in.readInt()); }
    }

    /** {path, type}: checkWatches and removeWatches (WatcherType), addWatch (AddWatchMode). */
    public record PathTypeRequest(String path, int type) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeString(path).writeInt(type); }
        public static PathTypeRequest read(JuteReader in) { return new PathTypeRequest(in.readString(), in.readInt()); }
    }

    /** create, create2, createContainer; createTTL adds {@code ttl} (absent, -1, for the others). */
    public record CreateRequest(String path, byte[] data, List<ACL> acl, int flags, long ttl) implements JuteRecord {
        public boolean hasTtl() { return ttl != NO_TTL; }

        public static final long NO_TTL = Long.MIN_VALUE;

        @Override
        public void write(JuteWriter out) {
            out.writeString(path).writeBuffer(data).writeAclList(acl).writeInt(flags);
            if (hasTtl()) {
                out.writeLong(ttl);
            }
        }

        public static CreateRequest read(JuteReader in, boolean withTtl) {
            String path = in.readString();
            byte[] data = in.readBuffer();
            List<ACL> acl = in.readAclList();
            int flags = in.readInt();
            return new CreateRequest(path, data, acl, flags, withTtl ? in.readLong() : NO_TTL);
        }
    }

    public record SetDataRequest(String path, byte[] data, int version) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeString(path).writeBuffer(data).writeInt(version); }
        public static SetDataRequest read(JuteReader in) {
            return new SetDataRequest(in.readString(), in.readBuffer(), in.readInt());
        }
    }

    public record SetACLRequest(String path, List<ACL> acl, int version) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeString(path).writeAclList(acl).writeInt(version); }
        public static SetACLRequest read(JuteReader in) {
            return new SetACLRequest(in.readString(), in.readAclList(), in.readInt());
        }
    }

    /** Sent with xid -4; {@code type} is always 0 and ignored. */
    public record AuthPacket(int type, String scheme, byte[] auth) implements JuteRecord {
        @Override public void write(JuteWriter out) { out.writeInt(type).writeString(scheme).writeBuffer(auth); }
        public static AuthPacket read(JuteReader in) { return new AuthPacket(in.readInt(), in.readString(), in.readBuffer()); }
    }

    /**
     * setWatches (101) carries the first three lists; setWatches2 (105) adds the persistent ones.
     * For 101 the persistent lists decode as empty.
     */
    public record SetWatchesRequest(long relativeZxid, List<String> dataWatches, List<String> existWatches,
                                    List<String> childWatches, List<String> persistentWatches,
                                    List<String> persistentRecursiveWatches, boolean v2) implements JuteRecord {
        @Override
        public void write(JuteWriter out) {
            out.writeLong(relativeZxid).writeStringList(dataWatches).writeStringList(existWatches).writeStringList(childWatches);
            if (v2) {
                out.writeStringList(persistentWatches).writeStringList(persistentRecursiveWatches);
            }
        }

        public static SetWatchesRequest read(JuteReader in, boolean v2) {
            long rel = in.readLong();
            List<String> data = orEmpty(in.readStringList());
            List<String> exist = orEmpty(in.readStringList());
            List<String> child = orEmpty(in.readStringList());
            List<String> persistent = v2 ? orEmpty(in.readStringList()) : List.of();
            List<String> recursive = v2 ? orEmpty(in.readStringList()) : List.of();
            return new SetWatchesRequest(rel, data, exist, child, persistent, recursive, v2);
        }

        private static List<String> orEmpty(List<String> l) { return l == null ? List.of() : l; }
    }

    public record ReconfigRequest(String joiningServers, String leavingServers, String newMembers, long curConfigId)
            implements JuteRecord {
        @Override
        public void write(JuteWriter out) {
            out.writeString(joiningServers).writeString(leavingServers).writeString(newMembers).writeLong(curConfigId);
        }

        public static ReconfigRequest read(JuteReader in) {
            return new ReconfigRequest(in.readString(), in.readString(), in.readString(), in.readLong());
        }
    }
}
