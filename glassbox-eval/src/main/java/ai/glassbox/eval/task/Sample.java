package ai.glassbox.eval.task;

import ai.glassbox.eval.request.Request;
import java.util.List;
import java.util.Objects;

/** A document and the requests a task renders from it, in the order the task scores their answers. */
public record Sample(Doc doc, List<Request> requests) {
    public Sample {
        Objects.requireNonNull(doc, "doc");
        requests = List.copyOf(requests);
        if (requests.isEmpty()) throw new IllegalArgumentException("a sample has at least one request");
    }
}
