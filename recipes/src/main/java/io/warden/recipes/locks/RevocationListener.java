package io.warden.recipes.locks;

/** Told when another process asks the holder to give the lock up; called on the client's event thread. */
@FunctionalInterface
public interface RevocationListener<T> {
    void revocationRequested(T forLock);
}
