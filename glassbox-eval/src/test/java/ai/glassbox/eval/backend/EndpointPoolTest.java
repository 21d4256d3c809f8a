package ai.glassbox.eval.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EndpointPoolTest {
    private static final URI A = URI.create("http://a:8000/v1"), B = URI.create("http://b:8000/v1"), C = URI.create("http://c:8000/v1");

    @Test
    void idleEndpointsAreTakenInTurn() throws InterruptedException {
        EndpointPool pool = new EndpointPool(List.of(A, B, C), 1);
        List<URI> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            try (EndpointPool.Lease lease = pool.acquire()) {
                order.add(lease.endpoint());
            }
        }
        assertEquals(List.of(A, B, C, A, B, C), order);
        assertArrayEquals(new long[] {2, 2, 2}, pool.leasesPerEndpoint());
    }

    @Test
    void leastBusyEndpointIsChosen() throws InterruptedException {
        EndpointPool pool = new EndpointPool(List.of(A, B), 3);
        EndpointPool.Lease a1 = pool.acquire(), b1 = pool.acquire(), a2 = pool.acquire();
        assertEquals(List.of(A, B, A), List.of(a1.endpoint(), b1.endpoint(), a2.endpoint()));
        b1.close();
        // A has two in flight, B none: B twice, then both have two and A's turn comes
        EndpointPool.Lease x = pool.acquire(), y = pool.acquire(), z = pool.acquire();
        assertEquals(List.of(B, B, A), List.of(x.endpoint(), y.endpoint(), z.endpoint()));
    }

    @Test
    void callerWaitsWhileEveryEndpointIsFull() throws InterruptedException {
        EndpointPool pool = new EndpointPool(List.of(A, B), 1);
        EndpointPool.Lease a = pool.acquire();
        EndpointPool.Lease b = pool.acquire();
        AtomicReference<URI> got = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try (EndpointPool.Lease l = pool.acquire()) {
                got.set(l.endpoint());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (waiter.getState() != Thread.State.WAITING) Thread.onSpinWait();
        assertEquals(null, got.get());
        b.close();
        waiter.join();
        assertEquals(B, got.get());
        a.close();
    }
}
