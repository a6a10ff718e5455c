package io.warden.znode;

import java.util.List;

/** Constants of the ZooKeeper protocol: opcodes, permission bits and well-known ACLs. */
public final class ZooDefs {
    private ZooDefs() {}

    /** Request types as they appear in {@code RequestHeader.type}. */
    public static final class OpCode {
        private OpCode() {}
        public static final int notification = 0;
        public static final int create = 1;
        public static final int delete = 2;
        public static final int exists = 3;
        public static final int getData = 4;
        public static final int setData = 5;
        public static final int getACL = 6;
        public static final int setACL = 7;
        public static final int getChildren = 8;
        public static final int sync = 9;
        public static final int ping = 11;
        public static final int getChildren2 = 12;
        public static final int check = 13;
        public static final int multi = 14;
        public static final int create2 = 15;
        public static final int reconfig = 16;
        public static final int checkWatches = 17;
        public static final int removeWatches = 18;
        public static final int createContainer = 19;
        public static final int deleteContainer = 20;
        public static final int createTTL = 21;
        public static final int multiRead = 22;
        public static final int auth = 100;
        public static final int setWatches = 101;
        public static final int sasl = 102;
        public static final int getEphemerals = 103;
        public static final int getAllChildrenNumber = 104;
        public static final int setWatches2 = 105;
        public static final int addWatch = 106;
        public static final int whoAmI = 107;
        public static final int createSession = -10;
        public static final int closeSession = -11;
        public static final int error = -1;
    }

    /** Permission bits of an {@link ACL}. */
    public static final class Perms {
        private Perms() {}
        public static final int READ = 1;
        public static final int WRITE = 2;
        public static final int CREATE = 4;
        public static final int DELETE = 8;
        public static final int ADMIN = 16;
        public static final int ALL = READ | WRITE | CREATE | DELETE | ADMIN;
    }

    /** Well-known ids and ACL lists. */
    public static final class Ids {
        private Ids() {}
        public static final Id ANYONE_ID_UNSAFE = new Id("world", "anyone");
        /** Placeholder the server expands to the caller's authenticated ids. */
        public static final Id AUTH_IDS = new Id("auth", "");
        public static final List<ACL> OPEN_ACL_UNSAFE = List.of(new ACL(Perms.ALL, ANYONE_ID_UNSAFE));
        public static final List<ACL> CREATOR_ALL_ACL = List.of(new ACL(Perms.ALL, AUTH_IDS));
        public static final List<ACL> READ_ACL_UNSAFE = List.of(new ACL(Perms.READ, ANYONE_ID_UNSAFE));
    }

    /** Special xids of the client protocol. */
    public static final class Xids {
        private Xids() {}
        public static final int NOTIFICATION = -1;
        public static final int PING = -2;
        public static final int AUTH = -4;
        public static final int SET_WATCHES = -8;
    }
}
