package io.warden.framework.api;

import io.warden.framework.api.transaction.CuratorTransactionResult;
import io.warden.znode.ACL;
import io.warden.znode.Stat;
import io.warden.znode.WatchedEvent;

import java.util.List;

/**
 * The result of a background operation (or a watch event for {@code watched()}). Which getters are
 * meaningful depends on {@link #getType()}; the others return null. Paths are namespace-relative.
 *
 * @param resultCode 0 on success, otherwise a KeeperException code value
 */
public record CuratorEvent(CuratorEventType type, int resultCode, String path, Object context, Stat stat,
                           byte[] data, String name, List<String> children, List<ACL> aclList,
                           List<CuratorTransactionResult> opResults, WatchedEvent watchedEvent) {

    public CuratorEventType getType() { return type; }
    public int getResultCode() { return resultCode; }
    public String getPath() { return path; }
    public Object getContext() { return context; }
    public Stat getStat() { return stat; }
    public byte[] getData() { return data; }
    /** For CREATE: the actual name (path) of the created node. */
    public String getName() { return name; }
    public List<String> getChildren() { return children; }
    public List<ACL> getACLList() { return aclList; }
    public List<CuratorTransactionResult> getOpResults() { return opResults; }
    public WatchedEvent getWatchedEvent() { return watchedEvent; }

    /** A builder, so producers set only what their type carries. */
    public static Builder builder(CuratorEventType type, String path, Object context) {
        return new Builder(type, path, context);
    }

    public static final class Builder {
        private final CuratorEventType type;
        private final String path;
        private final Object context;
        private int resultCode;
        private Stat stat;
        private byte[] data;
        private String name;
        private List<String> children;
        private List<ACL> acl;
        private List<CuratorTransactionResult> opResults;
        private WatchedEvent watchedEvent;

        private Builder(CuratorEventType type, String path, Object context) {
            this.type = type;
            this.path = path;
            this.context = context;
        }

        public Builder resultCode(int v) { resultCode = v; return this; }
        public Builder stat(Stat v) { stat = v; return this; }
        public Builder data(byte[] v) { data = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder children(List<String> v) { children = v; return this; }
        public Builder acl(List<ACL> v) { acl = v; return this; }
        public Builder opResults(List<CuratorTransactionResult> v) { opResults = v; return this; }
        public Builder watchedEvent(WatchedEvent v) { watchedEvent = v; return this; }

        public CuratorEvent build() {
            return new CuratorEvent(type, resultCode, path, context, stat, data, name, children, acl, opResults, watchedEvent);
        }
    }
}
