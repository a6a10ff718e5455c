package io.warden.framework;

/** Life cycle of a {@link CuratorFramework}. */
public enum CuratorFrameworkState {
    LATENT,
    STARTED,
    STOPPED
}
