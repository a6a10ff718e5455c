package io.warden.client;

import io.warden.znode.Watcher;
import io.warden.znode.Watcher.Event.EventType;
import io.warden.znode.Watcher.WatcherType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client's watch tables (data, exist, child, persistent, persistent-recursive), keyed by client
 * path. Standard watches are one-shot: they leave the table when they fire. One event reaches each
 * local {@link Watcher} once, even when it sits in several tables. Thread-safe (short critical sections).
 */
public final class ClientWatchManager {
    private final Map<WatchKind, Map<String, Set<Watcher>>> tables = new EnumMap<>(WatchKind.class);

    public ClientWatchManager() {
        for (WatchKind k : WatchKind.values()) {
            tables.put(k, new HashMap<>());
        }
    }

    public synchronized void register(WatchKind kind, String path, Watcher watcher) {
        tables.get(kind).computeIfAbsent(path, p -> new LinkedHashSet<>()).add(watcher);
    }

    /** The watchers a server event reaches; one-shot ones are removed from their tables. */
    public synchronized Set<Watcher> materialize(EventType type, String path) {
        Set<Watcher> out = new LinkedHashSet<>();
        switch (type) {
            case NodeCreated, NodeDataChanged -> {
                take(WatchKind.DATA, path, out);
                take(WatchKind.EXIST, path, out);
                addPersistent(path, out, true);
            }
            case NodeChildrenChanged -> {
                take(WatchKind.CHILD, path, out);
                addPersistent(path, out, false);
            }
            case NodeDeleted -> {
                take(WatchKind.DATA, path, out);
                take(WatchKind.EXIST, path, out);
                take(WatchKind.CHILD, path, out);
                addPersistent(path, out, true);
            }
            default -> { }
        }
        return out;
    }

    private void take(WatchKind kind, String path, Set<Watcher> out) {
        Set<Watcher> s = tables.get(kind).remove(path);
        if (s != null) {
            out.addAll(s);
        }
    }

    private void addPersistent(String path, Set<Watcher> out, boolean includeRecursive) {
        Set<Watcher> p = tables.get(WatchKind.PERSISTENT).get(path);
        if (p != null) {
            out.addAll(p);
        }
        if (!includeRecursive) {
            return;
        }
        Map<String, Set<Watcher>> rec = tables.get(WatchKind.PERSISTENT_RECURSIVE);
        if (rec.isEmpty()) {
            return;
        }
        String cur = path;
        while (cur != null) {
            Set<Watcher> r = rec.get(cur);
            if (r != null) {
                out.addAll(r);
            }
            cur = parentOf(cur);
        }
    }

    private static String parentOf(String path) {
        if (path.equals("/")) {
            return null;
        }
        int idx = path.lastIndexOf('/');
        return idx <= 0 ? "/" : path.substring(0, idx);
    }

    /** Every registered watcher, for connection-state events. */
    public synchronized Set<Watcher> all() {
        Set<Watcher> out = new LinkedHashSet<>();
        for (Map<String, Set<Watcher>> t : tables.values()) {
            for (Set<Watcher> s : t.values()) {
                out.addAll(s);
            }
        }
        return out;
    }

    /** Drops every watch (after the session ended: the server forgot them too). */
    public synchronized void clear() {
        tables.values().forEach(Map::clear);
    }

    /** Paths per table, for setWatches after a reconnect. */
    public synchronized Map<WatchKind, List<String>> snapshotPaths() {
        Map<WatchKind, List<String>> out = new EnumMap<>(WatchKind.class);
        tables.forEach((k, v) -> out.put(k, new ArrayList<>(v.keySet())));
        return out;
    }

    public synchronized boolean isEmpty() {
        return tables.values().stream().allMatch(Map::isEmpty);
    }

    /** The tables a {@link WatcherType} covers. */
    public static List<WatchKind> kindsOf(WatcherType type) {
        return switch (type) {
            case Children -> List.of(WatchKind.CHILD);
            case Data -> List.of(WatchKind.DATA, WatchKind.EXIST);
            case Persistent -> List.of(WatchKind.PERSISTENT);
            case PersistentRecursive -> List.of(WatchKind.PERSISTENT_RECURSIVE);
            case Any -> List.of(WatchKind.values());
        };
    }

    /** Whether {@code watcher} (or, when null, any watcher) is registered on {@code path} for {@code type}. */
    public synchronized boolean contains(String path, Watcher watcher, WatcherType type) {
        for (WatchKind k : kindsOf(type)) {
            Set<Watcher> s = tables.get(k).get(path);
            if (s != null && !s.isEmpty() && (watcher == null || s.contains(watcher))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes {@code watcher} (or all watchers when null) on {@code path} from the tables of {@code type}.
     *
     * @return removed watchers by table
     */
    public synchronized Map<WatchKind, Set<Watcher>> remove(String path, Watcher watcher, WatcherType type) {
        Map<WatchKind, Set<Watcher>> removed = new EnumMap<>(WatchKind.class);
        for (WatchKind k : kindsOf(type)) {
            Set<Watcher> s = tables.get(k).get(path);
            if (s == null) {
                continue;
            }
            if (watcher == null) {
                removed.put(k, new LinkedHashSet<>(s));
                tables.get(k).remove(path);
            } else if (s.remove(watcher)) {
                removed.put(k, Set.of(watcher));
                if (s.isEmpty()) {
                    tables.get(k).remove(path);
                }
            }
        }
        return removed;
    }

    /** Whether any watcher remains on {@code path} in the tables of {@code type}. */
    public synchronized boolean hasAny(String path, WatcherType type) {
        return contains(path, null, type);
    }
}
