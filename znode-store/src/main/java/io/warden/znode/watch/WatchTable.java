package io.warden.znode.watch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * One watch table (data or child): path -> sink -> mode bits, with a reverse index per sink so a
 * closing connection is dropped in time proportional to its own watches. Not thread-safe.
 */
final class WatchTable {
    static final int STANDARD = 1;
    static final int PERSISTENT = 2;
    static final int RECURSIVE = 4;

    private final HashMap<String, HashMap<WatchSink, Integer>> byPath = new HashMap<>();
    private final HashMap<WatchSink, HashSet<String>> bySink = new HashMap<>();
    private int recursiveCount;
    private int watchCount;

    void add(String path, WatchSink sink, int bits) {
        HashMap<WatchSink, Integer> sinks = byPath.computeIfAbsent(path, p -> new HashMap<>(4));
        Integer old = sinks.get(sink);
        int before = old == null ? 0 : old;
        int after = before | bits;
        if (after == before) {
            return;
        }
        sinks.put(sink, after);
        if (old == null) {
            watchCount++;
            bySink.computeIfAbsent(sink, s -> new HashSet<>()).add(path);
        }
        if ((after & RECURSIVE) != 0 && (before & RECURSIVE) == 0) {
            recursiveCount++;
        }
    }

    int bits(String path, WatchSink sink) {
        HashMap<WatchSink, Integer> sinks = byPath.get(path);
        Integer b = sinks == null ? null : sinks.get(sink);
        return b == null ? 0 : b;
    }

    /** Clears {@code bits} of the sink's watch on path; true when any of them was set. */
    boolean remove(String path, WatchSink sink, int bits) {
        HashMap<WatchSink, Integer> sinks = byPath.get(path);
        Integer old = sinks == null ? null : sinks.get(sink);
        if (old == null || (old & bits) == 0) {
            return false;
        }
        setBits(sinks, path, sink, old, old & ~bits);
        if (sinks.isEmpty()) {
            byPath.remove(path);
        }
        return true;
    }

    private void setBits(HashMap<WatchSink, Integer> sinks, String path, WatchSink sink, int before, int after) {
        if ((before & RECURSIVE) != 0 && (after & RECURSIVE) == 0) {
            recursiveCount--;
        }
        if (after == 0) {
            sinks.remove(sink);
            watchCount--;
            HashSet<String> paths = bySink.get(sink);
            if (paths != null) {
                paths.remove(path);
                if (paths.isEmpty()) {
                    bySink.remove(sink);
                }
            }
        } else {
            sinks.put(sink, after);
        }
    }

    void removeSink(WatchSink sink) {
        HashSet<String> paths = bySink.remove(sink);
        if (paths == null) {
            return;
        }
        for (String path : paths) {
            HashMap<WatchSink, Integer> sinks = byPath.get(path);
            if (sinks == null) {
                continue;
            }
            Integer b = sinks.remove(sink);
            if (b != null) {
                watchCount--;
                if ((b & RECURSIVE) != 0) {
                    recursiveCount--;
                }
            }
            if (sinks.isEmpty()) {
                byPath.remove(path);
            }
        }
    }

    /**
     * Collects the sinks watching {@code path} itself (any mode; one-shot watches are consumed) and,
     * when {@code withAncestors}, the recursive watchers of every ancestor.
     */
    void collect(String path, boolean withAncestors, Collection<WatchSink> out) {
        HashMap<WatchSink, Integer> sinks = byPath.get(path);
        if (sinks != null) {
            Iterator<Map.Entry<WatchSink, Integer>> it = sinks.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<WatchSink, Integer> e = it.next();
                WatchSink sink = e.getKey();
                int b = e.getValue();
                if (!out.contains(sink)) {
                    out.add(sink);
                }
                if ((b & STANDARD) != 0) {
                    int after = b & ~STANDARD;
                    if (after == 0) {
                        it.remove();
                        watchCount--;
                        HashSet<String> paths = bySink.get(sink);
                        if (paths != null && paths.remove(path) && paths.isEmpty()) {
                            bySink.remove(sink);
                        }
                    } else {
                        e.setValue(after);
                    }
                }
            }
            if (sinks.isEmpty()) {
                byPath.remove(path);
            }
        }
        if (withAncestors && recursiveCount > 0) {
            collectRecursiveAncestors(path, out);
        }
    }

    private void collectRecursiveAncestors(String path, Collection<WatchSink> out) {
        String p = path;
        while (p.length() > 1) {
            int slash = p.lastIndexOf('/');
            p = slash == 0 ? "/" : p.substring(0, slash);
            HashMap<WatchSink, Integer> sinks = byPath.get(p);
            if (sinks == null) {
                continue;
            }
            for (Map.Entry<WatchSink, Integer> e : sinks.entrySet()) {
                if ((e.getValue() & RECURSIVE) != 0 && !out.contains(e.getKey())) {
                    out.add(e.getKey());
                }
            }
        }
    }

    boolean isEmpty() { return byPath.isEmpty(); }

    /** False when a trigger on path can find nobody (the cheap test before collecting). */
    boolean mayFire(String path, boolean withAncestors) {
        return byPath.containsKey(path) || (withAncestors && recursiveCount > 0);
    }

    int watchCount() { return watchCount; }

    Set<WatchSink> sinks() { return bySink.keySet(); }

    Set<String> paths() { return byPath.keySet(); }

    Collection<String> pathsOf(WatchSink sink) {
        HashSet<String> p = bySink.get(sink);
        return p == null ? new ArrayList<>() : p;
    }

    Set<WatchSink> sinksOf(String path) {
        HashMap<WatchSink, Integer> s = byPath.get(path);
        return s == null ? Set.of() : s.keySet();
    }
}
