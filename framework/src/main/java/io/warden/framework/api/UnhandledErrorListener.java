package io.warden.framework.api;

/** Told about errors nobody else could handle: failing listeners, watchers and callbacks. */
@FunctionalInterface
public interface UnhandledErrorListener {
    void unhandledError(String message, Throwable e);
}
