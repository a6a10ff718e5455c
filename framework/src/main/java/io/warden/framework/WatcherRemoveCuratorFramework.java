package io.warden.framework;

/**
 * A view of a client that remembers the watchers set through it, so a recipe can drop all of them
 * at once when it closes ({@link CuratorFramework#newWatcherRemoveCuratorFramework()}).
 */
public interface WatcherRemoveCuratorFramework extends CuratorFramework {
    /**
     * Removes, locally, every watcher set through this view that has not fired yet; each gets its
     * *WatchRemoved event. Persistent watches set through this view are removed too.
     */
    void removeWatchers();
}
