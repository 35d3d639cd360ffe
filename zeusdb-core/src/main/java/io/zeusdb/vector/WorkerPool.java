package io.zeusdb.vector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs index-parallel work (linking a batch, a batch of queries) on a shared pool of daemon
 * threads, one per core. The calling thread works too, so a call never waits idle, and work is
 * handed out one index at a time from a shared counter so uneven items balance themselves.
 */
final class WorkerPool {

    private static final int CORES = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = Executors.newFixedThreadPool(Math.max(1, CORES - 1), r -> {
        Thread t = new Thread(r, "zeusdb-worker");
        t.setDaemon(true);
        return t;
    });

    private WorkerPool() {}

    static int cores() {
        return CORES;
    }

    /**
     * Calls {@code body} for every index in {@code [from, to)} on up to {@code threads} threads
     * (0 = all cores); items are claimed in ascending order. Rethrows the first failure.
     */
    static void forEach(int from, int to, int threads, IntConsumer body) {
        int n = to - from;
        int workers = Math.min(threads <= 0 ? CORES : threads, n);
        if (workers <= 1) {
            for (int i = from; i < to; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger(from);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable loop = () -> {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < to) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        };
        List<Future<?>> futures = new ArrayList<>(workers - 1);
        for (int w = 1; w < workers; w++) {
            futures.add(POOL.submit(loop));
        }
        loop.run();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for worker threads", e);
            } catch (ExecutionException e) {
                failure.compareAndSet(null, e.getCause());
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
