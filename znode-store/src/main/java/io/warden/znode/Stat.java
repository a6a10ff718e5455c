package io.warden.znode;

/**
 * The metadata of a znode as clients see it. Mutable on purpose: callers hand an instance to
 * {@code storingStatIn(stat)} style APIs and read it back. Not thread-safe.
 */
public final class Stat {
    private long czxid;
    private long mzxid;
    private long ctime;
    private long mtime;
    private int version;
    private int cversion;
    private int aversion;
    private long ephemeralOwner;
    private int dataLength;
    private int numChildren;
    private long pzxid;

    public Stat() {}

    public Stat(long czxid, long mzxid, long ctime, long mtime, int version, int cversion, int aversion,
                long ephemeralOwner, int dataLength, int numChildren, long pzxid) {
        this.czxid = czxid;
        this.mzxid = mzxid;
        this.ctime = ctime;
        this.mtime = mtime;
        this.version = version;
        this.cversion = cversion;
        this.aversion = aversion;
        this.ephemeralOwner = ephemeralOwner;
        this.dataLength = dataLength;
        this.numChildren = numChildren;
        this.pzxid = pzxid;
    }

    /** Copies every field of {@code other} into this instance. */
    public void copyFrom(Stat other) {
        czxid = other.czxid;
        mzxid = other.mzxid;
        ctime = other.ctime;
        mtime = other.mtime;
        version = other.version;
        cversion = other.cversion;
        aversion = other.aversion;
        ephemeralOwner = other.ephemeralOwner;
        dataLength = other.dataLength;
        numChildren = other.numChildren;
        pzxid = other.pzxid;
    }

    public Stat copy() {
        Stat s = new Stat();
        s.copyFrom(this);
        return s;
    }

    public long getCzxid() { return czxid; }
    public void setCzxid(long v) { czxid = v; }
    public long getMzxid() { return mzxid; }
    public void setMzxid(long v) { mzxid = v; }
    public long getCtime() { return ctime; }
    public void setCtime(long v) { ctime = v; }
    public long getMtime() { return mtime; }
    public void setMtime(long v) { mtime = v; }
    public int getVersion() { return version; }
    public void setVersion(int v) { version = v; }
    public int getCversion() { return cversion; }
    public void setCversion(int v) { cversion = v; }
    public int getAversion() { return aversion; }
    public void setAversion(int v) { aversion = v; }
    public long getEphemeralOwner() { return ephemeralOwner; }
    public void setEphemeralOwner(long v) { ephemeralOwner = v; }
    public int getDataLength() { return dataLength; }
    public void setDataLength(int v) { dataLength = v; }
    public int getNumChildren() { return numChildren; }
    public void setNumChildren(int v) { numChildren = v; }
    public long getPzxid() { return pzxid; }
    public void setPzxid(long v) { pzxid = v; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Stat s)) {
            return false;
        }
        return czxid == s.czxid && mzxid == s.mzxid && ctime == s.ctime && mtime == s.mtime
                && version == s.version && cversion == s.cversion && aversion == s.aversion
                && ephemeralOwner == s.ephemeralOwner && dataLength == s.dataLength
                && numChildren == s.numChildren && pzxid == s.pzxid;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(czxid) * 31 + Long.hashCode(mzxid) * 17 + version;
    }

    @Override
    public String toString() {
        return czxid + "," + mzxid + "," + ctime + "," + mtime + "," + version + "," + cversion + ","
                + aversion + "," + ephemeralOwner + "," + dataLength + "," + numChildren + "," + pzxid;
    }
}
