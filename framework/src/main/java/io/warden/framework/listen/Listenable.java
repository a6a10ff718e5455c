package io.warden.framework.listen;

import java.util.concurrent.Executor;

/** Something listeners can be added to. Listeners run on the client's event thread unless given an executor. */
public interface Listenable<T> {
    void addListener(T listener);

    void addListener(T listener, Executor executor);

    void removeListener(T listener);
}
