package io.warden.recipes.cache;

import io.warden.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Combines typed handlers into one {@link CuratorCacheListener}: {@code CuratorCacheListener.builder().forCreates(...).build()}. */
public final class CuratorCacheListenerBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(CuratorCacheListenerBuilder.class);

    private final List<CuratorCacheListener> listeners = new ArrayList<>();
    private boolean afterInitializedOnly;

    /** Receives (old, new) for changes; for {@link #forCreatesAndChanges} old is null on creates. */
    @FunctionalInterface
    public interface ChangeListener {
        void event(ChildData oldNode, ChildData node);
    }

    CuratorCacheListenerBuilder() {}

    public CuratorCacheListenerBuilder forAll(CuratorCacheListener listener) {
        listeners.add(listener);
        return this;
    }

    public CuratorCacheListenerBuilder forCreates(Consumer<ChildData> listener) {
        listeners.add((type, oldData, data) -> {
            if (type == CuratorCacheListener.Type.NODE_CREATED) {
                listener.accept(data);
            }
        });
        return this;
    }

    public CuratorCacheListenerBuilder forChanges(ChangeListener listener) {
        listeners.add((type, oldData, data) -> {
            if (type == CuratorCacheListener.Type.NODE_CHANGED) {
                listener.event(oldData, data);
            }
        });
        return this;
    }

    public CuratorCacheListenerBuilder forCreatesAndChanges(ChangeListener listener) {
        listeners.add((type, oldData, data) -> {
            if (type != CuratorCacheListener.Type.NODE_DELETED) {
                listener.event(oldData, data);
            }
        });
        return this;
    }

    public CuratorCacheListenerBuilder forDeletes(Consumer<ChildData> listener) {
        listeners.add((type, oldData, data) -> {
            if (type == CuratorCacheListener.Type.NODE_DELETED) {
                listener.accept(oldData != null ? oldData : data);
            }
        });
        return this;
    }

    public CuratorCacheListenerBuilder forInitialized(Runnable listener) {
        listeners.add(new CuratorCacheListener() {
            @Override
            public void event(Type type, ChildData oldData, ChildData data) {
            }

            @Override
            public void initialized() {
                listener.run();
            }
        });
        return this;
    }

    /** Bridges a PathChildrenCache listener: events for direct children of {@code rootPath} only. */
    public CuratorCacheListenerBuilder forPathChildrenCache(String rootPath, CuratorFramework client,
                                                            PathChildrenCacheListener listener) {
        listeners.add(new CuratorCacheListener() {
            @Override
            public void event(Type type, ChildData oldData, ChildData data) {
                ChildData d = type == Type.NODE_DELETED && oldData != null ? oldData : data;
                if (!isDirectChild(rootPath, d.path())) {
                    return;
                }
                PathChildrenCacheEvent.Type t = switch (type) {
                    case NODE_CREATED -> PathChildrenCacheEvent.Type.CHILD_ADDED;
                    case NODE_CHANGED -> PathChildrenCacheEvent.Type.CHILD_UPDATED;
                    case NODE_DELETED -> PathChildrenCacheEvent.Type.CHILD_REMOVED;
                };
                call(() -> listener.childEvent(client, new PathChildrenCacheEvent(t, d)));
            }

            @Override
            public void initialized() {
                call(() -> listener.childEvent(client, new PathChildrenCacheEvent(PathChildrenCacheEvent.Type.INITIALIZED, null)));
            }
        });
        return this;
    }

    /** Bridges a TreeCache listener: events for every node. */
    public CuratorCacheListenerBuilder forTreeCache(CuratorFramework client, TreeCacheListener listener) {
        listeners.add(new CuratorCacheListener() {
            @Override
            public void event(Type type, ChildData oldData, ChildData data) {
                TreeCacheEvent.Type t = switch (type) {
                    case NODE_CREATED -> TreeCacheEvent.Type.NODE_ADDED;
                    case NODE_CHANGED -> TreeCacheEvent.Type.NODE_UPDATED;
                    case NODE_DELETED -> TreeCacheEvent.Type.NODE_REMOVED;
                };
                ChildData d = type == Type.NODE_DELETED && oldData != null ? oldData : data;
                call(() -> listener.childEvent(client, new TreeCacheEvent(t, d)));
            }

            @Override
            public void initialized() {
                call(() -> listener.childEvent(client, new TreeCacheEvent(TreeCacheEvent.Type.INITIALIZED, null)));
            }
        });
        return this;
    }

    /** Bridges a NodeCache listener: told on every change (use with a SINGLE_NODE_CACHE). */
    public CuratorCacheListenerBuilder forNodeCache(NodeCacheListener listener) {
        listeners.add((type, oldData, data) -> call(listener::nodeChanged));
        return this;
    }

    /** Handlers added to this builder see nothing until the cache reports initialized (the initial load is silent). */
    public CuratorCacheListenerBuilder afterInitialized() {
        afterInitializedOnly = true;
        return this;
    }

    public CuratorCacheListener build() {
        List<CuratorCacheListener> copy = List.copyOf(listeners);
        boolean gate = afterInitializedOnly;
        return new CuratorCacheListener() {
            private volatile boolean initialized;

            @Override
            public void event(Type type, ChildData oldData, ChildData data) {
                if (gate && !initialized) {
                    return;
                }
                copy.forEach(l -> l.event(type, oldData, data));
            }

            @Override
            public void initialized() {
                initialized = true;
                copy.forEach(CuratorCacheListener::initialized);
            }
        };
    }

    private static boolean isDirectChild(String root, String path) {
        int idx = path.lastIndexOf('/');
        String parent = idx <= 0 ? "/" : path.substring(0, idx);
        return parent.equals(root) && !path.equals(root);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void call(ThrowingRunnable r) {
        try {
            r.run();
        } catch (Exception e) {
            LOG.error("cache listener failed", e);
        }
    }
}
