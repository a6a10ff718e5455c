package io.warden.framework.listen;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Holds listeners with their executors and calls them; one that throws is reported to
 * {@code errorHandler} and does not stop the others. Thread-safe.
 */
public final class StandardListenerManager<T> implements Listenable<T> {
    private static final Logger LOG = LoggerFactory.getLogger(StandardListenerManager.class);

    private final Map<T, Executor> listeners = new ConcurrentHashMap<>();
    private final Executor defaultExecutor;
    private final ErrorHandler errorHandler;

    /** Receives what a listener threw. */
    @FunctionalInterface
    public interface ErrorHandler {
        void onError(String message, Throwable error);
    }

    public StandardListenerManager(Executor defaultExecutor, ErrorHandler errorHandler) {
        this.defaultExecutor = defaultExecutor;
        this.errorHandler = errorHandler;
    }

    @Override
    public void addListener(T listener) {
        listeners.put(listener, defaultExecutor);
    }

    @Override
    public void addListener(T listener, Executor executor) {
        listeners.put(listener, executor == null ? defaultExecutor : executor);
    }

    @Override
    public void removeListener(T listener) {
        listeners.remove(listener);
    }

    public int size() {
        return listeners.size();
    }

    public void clear() {
        listeners.clear();
    }

    /** Calls every listener through its executor. */
    public void forEach(ThrowingConsumer<T> action) {
        listeners.forEach((l, ex) -> ex.execute(() -> {
            try {
                action.accept(l);
            } catch (Throwable e) {
                if (errorHandler != null) {
                    errorHandler.onError("listener " + l + " failed", e);
                } else {
                    LOG.error("listener failed", e);
                }
            }
        }));
    }

    /** Consumer that may throw, like Curator's listener callbacks. */
    @FunctionalInterface
    public interface ThrowingConsumer<T> {
        void accept(T t) throws Exception;
    }

    /** Adapter for callers holding a plain Consumer. */
    public void forEachPlain(Consumer<T> action) {
        forEach(action::accept);
    }
}
