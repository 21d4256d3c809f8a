package ai.glassbox.eval.backend;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Hands out the endpoints of a fleet, at most {@code concurrency} requests in flight on each:
 * a caller gets the least busy endpoint, ties broken round-robin, and waits while every endpoint
 * is full. Thread-safe.
 */
final class EndpointPool {
    private final List<URI> endpoints;
    private final int[] inFlight;
    private final long[] leased;
    private final Semaphore slots;
    private int next;

    EndpointPool(List<URI> endpoints, int concurrency) {
        if (endpoints.isEmpty()) throw new IllegalArgumentException("no endpoints");
        this.endpoints = List.copyOf(endpoints);
        this.inFlight = new int[endpoints.size()];
        this.leased = new long[endpoints.size()];
        this.slots = new Semaphore(Math.multiplyExact(concurrency, endpoints.size()), true);
    }

    /** One request's hold on an endpoint; close it when the exchange is over. */
    final class Lease implements AutoCloseable {
        private final int index;
        private boolean closed;

        private Lease(int index) {
            this.index = index;
        }

        URI endpoint() {
            return endpoints.get(index);
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            release(index);
        }
    }

    /** Waits for a free slot and takes it on the least busy endpoint. */
    Lease acquire() throws InterruptedException {
        slots.acquire();
        synchronized (this) {
            // the semaphore holds as many permits as all endpoints have slots, so one is free
            int best = -1;
            for (int k = 0; k < inFlight.length; k++) {
                int i = (next + k) % inFlight.length;
                if (best < 0 || inFlight[i] < inFlight[best]) best = i;
            }
            inFlight[best]++;
            leased[best]++;
            next = (best + 1) % inFlight.length;
            return new Lease(best);
        }
    }

    /** How many leases each endpoint has given, in endpoint order. */
    synchronized long[] leasesPerEndpoint() {
        return leased.clone();
    }

    private void release(int index) {
        synchronized (this) {
            inFlight[index]--;
        }
        slots.release();
    }
}
