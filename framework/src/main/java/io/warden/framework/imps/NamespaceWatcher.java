package io.warden.framework.imps;

import io.warden.framework.api.CuratorWatcher;
import io.warden.znode.WatchedEvent;
import io.warden.znode.Watcher;

import java.util.Objects;

/**
 * Wraps a user's {@link Watcher} or {@link CuratorWatcher}: strips the namespace from event paths and
 * reports what a CuratorWatcher throws. Equal wrappers of the same watcher collapse in the watch tables,
 * so a watcher set twice on one path fires once.
 */
public final class NamespaceWatcher implements Watcher {
    private final FrameworkCore core;
    private final Namespace namespace;
    private final Watcher watcher;
    private final CuratorWatcher curatorWatcher;
    private final java.util.function.Consumer<NamespaceWatcher> onTrigger;

    NamespaceWatcher(FrameworkCore core, Namespace namespace, Watcher watcher, CuratorWatcher curatorWatcher) {
        this(core, namespace, watcher, curatorWatcher, null);
    }

    /** @param onTrigger told (before the user's watcher runs) when a node event arrives; not part of equality */
    NamespaceWatcher(FrameworkCore core, Namespace namespace, Watcher watcher, CuratorWatcher curatorWatcher,
                     java.util.function.Consumer<NamespaceWatcher> onTrigger) {
        this.core = core;
        this.namespace = namespace;
        this.watcher = watcher;
        this.curatorWatcher = curatorWatcher;
        this.onTrigger = onTrigger;
    }

    @Override
    public void process(WatchedEvent event) {
        if (onTrigger != null && event.getType() != io.warden.znode.Watcher.Event.EventType.None) {
            onTrigger.accept(this);
        }
        WatchedEvent e = event.getPath() == null ? event
                : new WatchedEvent(event.getType(), event.getState(), namespace.unfix(event.getPath()), event.getZxid());
        try {
            if (watcher != null) {
                watcher.process(e);
            } else {
                curatorWatcher.process(e);
            }
        } catch (Exception ex) {
            core.logError("watcher failed on " + e, ex);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamespaceWatcher w && w.namespace.equals(namespace)
                && Objects.equals(w.watcher, watcher) && Objects.equals(w.curatorWatcher, curatorWatcher);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, watcher, curatorWatcher);
    }
}
