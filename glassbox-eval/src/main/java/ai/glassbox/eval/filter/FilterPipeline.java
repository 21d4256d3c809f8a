package ai.glassbox.eval.filter;

import java.util.List;
import java.util.Objects;

/**
 * A named filter pipeline, as in a task YAML's {@code filter_list}; metrics are reported per
 * pipeline name (e.g. {@code exact_match,strict-match}). Tasks without filters use {@code none}.
 */
public record FilterPipeline(String name, List<ResponseFilter> steps) {
    public static final FilterPipeline NONE = new FilterPipeline("none", List.of(new TakeFirst()));

    public FilterPipeline {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
    }

    public String apply(String response) {
        String out = response;
        for (ResponseFilter f : steps) out = f.apply(out);
        return out;
    }
}
