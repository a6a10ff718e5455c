package io.warden.framework.async;

/** Options of {@link AsyncCuratorFramework#create}, as in curator-x-async. */
public enum CreateOption {
    createParentsIfNeeded, createParentsAsContainers, doProtected, compress, setDataIfExists, idempotent
}
