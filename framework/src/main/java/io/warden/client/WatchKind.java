package io.warden.client;

/** The client-side watch tables, mirroring the server's. */
public enum WatchKind {
    /** getData: fires on change or delete. */
    DATA,
    /** exists on a missing node: fires on create. */
    EXIST,
    /** getChildren: fires on child change or delete. */
    CHILD,
    /** addWatch PERSISTENT: every event on the path, never removed. */
    PERSISTENT,
    /** addWatch PERSISTENT_RECURSIVE: created/changed/deleted on the path and below, never removed. */
    PERSISTENT_RECURSIVE
}
