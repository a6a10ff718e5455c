package io.warden.znode;

import java.util.List;

/** The result of one operation inside a multi or multiRead; {@link #getType()} is the wire opcode. */
public sealed interface OpResult {

    int getType();

    /** create (type 1) carries only the path; create2/container/TTL (type 15) carry the stat too. */
    record CreateResult(String path, Stat stat) implements OpResult {
        public String getPath() { return path; }
        public Stat getStat() { return stat; }
        @Override public int getType() { return stat == null ? ZooDefs.OpCode.create : ZooDefs.OpCode.create2; }
    }

    record DeleteResult() implements OpResult {
        @Override public int getType() { return ZooDefs.OpCode.delete; }
    }

    record SetDataResult(Stat stat) implements OpResult {
        public Stat getStat() { return stat; }
        @Override public int getType() { return ZooDefs.OpCode.setData; }
    }

    record CheckResult() implements OpResult {
        @Override public int getType() { return ZooDefs.OpCode.check; }
    }

    record GetDataResult(byte[] data, Stat stat) implements OpResult {
        public byte[] getData() { return data; }
        public Stat getStat() { return stat; }
        @Override public int getType() { return ZooDefs.OpCode.getData; }
    }

    record GetChildrenResult(List<String> children) implements OpResult {
        public List<String> getChildren() { return children; }
        @Override public int getType() { return ZooDefs.OpCode.getChildren; }
    }

    /** A failed (or, after the failing op, rolled back) operation; {@code err} is the wire error code. */
    record ErrorResult(int err) implements OpResult {
        public int getErr() { return err; }
        @Override public int getType() { return ZooDefs.OpCode.error; }
    }
}
