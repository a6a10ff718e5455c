package io.warden.znode.watch;

import io.warden.znode.ACL;
import io.warden.znode.WatchedEvent;
import io.warden.znode.Watcher.Event.EventType;
import io.warden.znode.Watcher.Event.KeeperState;
import io.warden.znode.Watcher.WatcherType;
import io.warden.znode.ZooDefs.Perms;
import io.warden.znode.acl.Acls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The watch registry with ZooKeeper's semantics: one-shot data (exists/getData) and child watches,
 * persistent watches (both tables, never consumed) and persistent-recursive watches (data table,
 * the path and all descendants, never ChildrenChanged). One event per connection per trigger, and
 * only to connections with READ on the node. Not thread-safe: use from the tree's serial thread.
 */
public final class WatchManager {
    private final WatchTable data = new WatchTable();
    private final WatchTable child = new WatchTable();

    /** A one-shot data watch (exists or getData; exists may watch a missing node). */
    public void addDataWatch(String path, WatchSink sink) { data.add(path, sink, WatchTable.STANDARD); }

    /** A one-shot child watch (getChildren / getChildren2). */
    public void addChildWatch(String path, WatchSink sink) { child.add(path, sink, WatchTable.STANDARD); }

    /** addWatch: PERSISTENT goes in both tables, PERSISTENT_RECURSIVE in the data table only. */
    public void addPersistentWatch(String path, WatchSink sink, boolean recursive) {
        if (recursive) {
            data.add(path, sink, WatchTable.RECURSIVE);
        } else {
            data.add(path, sink, WatchTable.PERSISTENT);
            child.add(path, sink, WatchTable.PERSISTENT);
        }
    }

    /** checkWatches: does the sink hold a watch of this type on path. */
    public boolean hasWatch(String path, WatchSink sink, WatcherType type) {
        return (data.bits(path, sink) & dataBits(type)) != 0 || (child.bits(path, sink) & childBits(type)) != 0;
    }

    /** removeWatches: clears the sink's watches of this type on path; false (NOWATCHER) when none. */
    public boolean removeWatch(String path, WatchSink sink, WatcherType type) {
        boolean d = data.remove(path, sink, dataBits(type));
        boolean c = child.remove(path, sink, childBits(type));
        return d || c;
    }

    private static int dataBits(WatcherType type) {
        return switch (type) {
            case Data -> WatchTable.STANDARD;
            case Children -> 0;
            case Persistent -> WatchTable.PERSISTENT;
            case PersistentRecursive -> WatchTable.RECURSIVE;
            case Any -> WatchTable.STANDARD | WatchTable.PERSISTENT | WatchTable.RECURSIVE;
        };
    }

    private static int childBits(WatcherType type) {
        return switch (type) {
            case Children -> WatchTable.STANDARD;
            case Persistent -> WatchTable.PERSISTENT;
            case Any -> WatchTable.STANDARD | WatchTable.PERSISTENT;
            default -> 0;
        };
    }

    /** Drops every watch of a closed connection. */
    public void removeSink(WatchSink sink) {
        data.removeSink(sink);
        child.removeSink(sink);
    }

    /** NodeCreated or NodeDataChanged on {@code path}: data watchers and recursive watchers above. */
    public void triggerData(String path, EventType type, long zxid, List<ACL> acl, List<WatchDelivery> out) {
        if (!data.mayFire(path, true)) {
            return;
        }
        Collection<WatchSink> sinks = new LinkedHashSet<>();
        data.collect(path, true, sinks);
        deliver(sinks, type, path, zxid, acl, out);
    }

    /** NodeDeleted on {@code path}: data and child watchers of the path (one event each), recursive above. */
    public void triggerDeleted(String path, long zxid, List<ACL> acl, List<WatchDelivery> out) {
        if (!data.mayFire(path, true) && !child.mayFire(path, false)) {
            return;
        }
        Collection<WatchSink> sinks = new LinkedHashSet<>();
        data.collect(path, true, sinks);
        child.collect(path, false, sinks);
        deliver(sinks, EventType.NodeDeleted, path, zxid, acl, out);
    }

    /** NodeChildrenChanged on {@code parent}: child watchers of that exact path only. */
    public void triggerChildren(String parent, long zxid, List<ACL> acl, List<WatchDelivery> out) {
        if (!child.mayFire(parent, false)) {
            return;
        }
        Collection<WatchSink> sinks = new LinkedHashSet<>();
        child.collect(parent, false, sinks);
        deliver(sinks, EventType.NodeChildrenChanged, parent, zxid, acl, out);
    }

    private static void deliver(Collection<WatchSink> sinks, EventType type, String path, long zxid, List<ACL> acl,
                                List<WatchDelivery> out) {
        if (sinks.isEmpty()) {
            return;
        }
        WatchedEvent event = new WatchedEvent(type, KeeperState.SyncConnected, path, zxid);
        for (WatchSink sink : sinks) {
            if (Acls.check(acl, Perms.READ, sink.authInfo())) {
                out.add(new WatchDelivery(sink, event));
            }
        }
    }

    // ---- four-letter-word views (wchs, wchc, wchp) ----

    /** Total watches: (path, connection) pairs over the data and child tables, as wchs reports. */
    public int watchCount() { return data.watchCount() + child.watchCount(); }

    /** Connections holding at least one watch. */
    public int connectionCount() {
        Set<WatchSink> all = new java.util.HashSet<>(data.sinks());
        all.addAll(child.sinks());
        return all.size();
    }

    /** Distinct watched paths. */
    public int pathCount() {
        Set<String> all = new java.util.HashSet<>(data.paths());
        all.addAll(child.paths());
        return all.size();
    }

    /** wchc: session id -> watched paths, sorted. */
    public TreeMap<Long, TreeSet<String>> pathsBySession() {
        TreeMap<Long, TreeSet<String>> out = new TreeMap<>();
        for (WatchTable t : List.of(data, child)) {
            for (WatchSink s : t.sinks()) {
                out.computeIfAbsent(s.sessionId(), k -> new TreeSet<>()).addAll(t.pathsOf(s));
            }
        }
        return out;
    }

    /** wchp: path -> session ids watching it, sorted. */
    public TreeMap<String, TreeSet<Long>> sessionsByPath() {
        TreeMap<String, TreeSet<Long>> out = new TreeMap<>();
        for (WatchTable t : List.of(data, child)) {
            for (String p : new ArrayList<>(t.paths())) {
                TreeSet<Long> ids = out.computeIfAbsent(p, k -> new TreeSet<>());
                for (WatchSink s : t.sinksOf(p)) {
                    ids.add(s.sessionId());
                }
            }
        }
        return out;
    }
}
