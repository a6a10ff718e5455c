package io.warden.framework.api;

import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.framework.imps.FrameworkCore;
import io.warden.framework.imps.Namespace;
import io.warden.znode.KeeperException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * What every operation builder shares: the client it runs on and the {@code inBackground(...)}
 * modifiers. Modifiers may be given in any order; each returns this builder. A builder is for one
 * operation and is not thread-safe.
 *
 * <p>Foreground {@code forPath} blocks until the operation (including retries) is done and throws
 * its KeeperException. After {@code inBackground(...)}, {@code forPath} returns null at once and the
 * result arrives as a {@link CuratorEvent}: to the callback (on the given executor, else the event
 * thread) or, without a callback, to the client's {@link CuratorListener}s.
 */
public abstract class OperationBuilder<SELF extends OperationBuilder<SELF>> {
    protected final CuratorFrameworkImpl client;
    protected final FrameworkCore core;
    protected final Namespace ns;
    private boolean background;
    private BackgroundCallback callback;
    private Object context;
    private Executor executor;

    protected OperationBuilder(CuratorFrameworkImpl client) {
        this.client = client;
        this.core = client.core();
        this.ns = client.namespaceInfo();
    }

    @SuppressWarnings("unchecked")
    protected final SELF self() {
        return (SELF) this;
    }

    public SELF inBackground() {
        background = true;
        return self();
    }

    public SELF inBackground(Object context) {
        background = true;
        this.context = context;
        return self();
    }

    public SELF inBackground(BackgroundCallback callback) {
        return inBackground(callback, null, null);
    }

    public SELF inBackground(BackgroundCallback callback, Object context) {
        return inBackground(callback, context, null);
    }

    public SELF inBackground(BackgroundCallback callback, Executor executor) {
        return inBackground(callback, null, executor);
    }

    public SELF inBackground(BackgroundCallback callback, Object context, Executor executor) {
        this.background = true;
        this.callback = callback;
        this.context = context;
        this.executor = executor;
        return self();
    }

    protected boolean isBackground() {
        return background;
    }

    /**
     * Foreground: waits and returns the value. Background: arranges delivery of the event and returns null.
     *
     * @param fill adds the type-specific fields of a successful result to the event
     */
    protected <T> T complete(CompletableFuture<T> f, CuratorEventType type, String path,
                             BiConsumer<CuratorEvent.Builder, T> fill) throws Exception {
        if (!background) {
            return FrameworkCore.await(f);
        }
        f.whenComplete((v, e) -> deliver(type, path, v, e, fill));
        return null;
    }

    /**
     * Like {@link #complete(CompletableFuture, CuratorEventType, String, BiConsumer)} for a raw result
     * that the foreground caller sees through {@code map}: no extra future stage on the background path.
     */
    protected <S, T> T complete(CompletableFuture<S> f, java.util.function.Function<S, T> map, CuratorEventType type,
                                String path, BiConsumer<CuratorEvent.Builder, S> fill) throws Exception {
        if (!background) {
            return map.apply(FrameworkCore.await(f));
        }
        f.whenComplete((v, e) -> deliver(type, path, v, e, fill));
        return null;
    }

    private <T> void deliver(CuratorEventType type, String path, T value, Throwable error,
                             BiConsumer<CuratorEvent.Builder, T> fill) {
        CuratorEvent.Builder b = CuratorEvent.builder(type, path, context);
        if (error == null) {
            fill.accept(b, value);
        } else {
            Throwable cause = FrameworkCore.unwrap(error);
            if (cause instanceof KeeperException ke) {
                b.resultCode(ke.code().intValue());
            } else {
                core.logError("background " + type + " of " + path + " failed", cause);
                b.resultCode(KeeperException.Code.SYSTEMERROR.intValue());
            }
        }
        CuratorEvent event = b.build();
        if (callback != null) {
            Executor ex = executor != null ? executor : core.events();
            ex.execute(() -> {
                try {
                    callback.processResult(client, event);
                } catch (Exception e) {
                    core.logError("background callback failed for " + event, e);
                }
            });
        } else {
            core.curatorListeners().forEach(l -> l.eventReceived(client, event));
        }
    }

    /** Makes a future whose dependents run on the event thread, never on an I/O thread. */
    protected <T> CompletionStage<T> onEventThread(CompletableFuture<T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((v, e) -> core.events().execute(() -> {
            if (e != null) {
                out.completeExceptionally(FrameworkCore.unwrap(e));
            } else {
                out.complete(v);
            }
        }));
        return out;
    }
}
