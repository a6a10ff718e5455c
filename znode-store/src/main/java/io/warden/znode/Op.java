package io.warden.znode;

import java.util.List;

/**
 * One operation of a multi (create, delete, setData, check) or multiRead (getData, getChildren).
 * {@link #getType()} is the wire opcode the operation travels as.
 */
public sealed interface Op {

    String getPath();

    int getType();

    /** A create; {@code type} is create (1), create2 (15), createContainer (19) or createTTL (21). */
    record Create(int type, String path, byte[] data, List<ACL> acl, int flags, long ttl) implements Op {
        @Override public String getPath() { return path; }
        @Override public int getType() { return type; }
    }

    record Delete(String path, int version) implements Op {
        @Override public String getPath() { return path; }
        @Override public int getType() { return ZooDefs.OpCode.delete; }
    }

    record SetData(String path, byte[] data, int version) implements Op {
        @Override public String getPath() { return path; }
        @Override public int getType() { return ZooDefs.OpCode.setData; }
    }

    record Check(String path, int version) implements Op {
        @Override public String getPath() { return path; }
        @Override public int getType() { return ZooDefs.OpCode.check; }
    }

    record GetData(String path) implements Op {
        @Override public String getPath() { return path; }
        @Override public int getType() { return ZooDefs.OpCode.getData; }
    }

    record GetChildren(String path) implements Op {
        @Override public String getPath() { return path; }
        @Override public int getType() { return ZooDefs.OpCode.getChildren; }
    }

    /** A create with the opcode the official client would pick for this mode. */
    static Op create(String path, byte[] data, List<ACL> acl, CreateMode mode) {
        int type = mode.isContainer() ? ZooDefs.OpCode.createContainer : ZooDefs.OpCode.create;
        return new Create(type, path, data, acl, mode.toFlag(), -1);
    }

    static Op create(String path, byte[] data, List<ACL> acl, CreateMode mode, long ttl) {
        int type = mode.isTTL() ? ZooDefs.OpCode.createTTL
                : mode.isContainer() ? ZooDefs.OpCode.createContainer : ZooDefs.OpCode.create2;
        return new Create(type, path, data, acl, mode.toFlag(), mode.isTTL() ? ttl : -1);
    }

    static Op delete(String path, int version) { return new Delete(path, version); }

    static Op setData(String path, byte[] data, int version) { return new SetData(path, data, version); }

    static Op check(String path, int version) { return new Check(path, version); }

    static Op getData(String path) { return new GetData(path); }

    static Op getChildren(String path) { return new GetChildren(path); }
}
