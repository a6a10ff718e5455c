package io.warden.framework.async;

/** Options of {@link AsyncCuratorFramework#delete}, as in curator-x-async. */
public enum DeleteOption {
    quietly, deletingChildrenIfNeeded, guaranteed, idempotent
}
