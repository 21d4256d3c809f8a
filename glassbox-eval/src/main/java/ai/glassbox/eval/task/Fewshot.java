package ai.glassbox.eval.task;

import java.util.List;
import java.util.function.Predicate;

/**
 * Where a task's few-shot examples come from (a YAML's {@code fewshot_split} and
 * {@code fewshot_config.sampler}).
 */
public sealed interface Fewshot {
    /** The task has no few-shot examples in the dataset files. */
    record None() implements Fewshot {}

    /** The first {@code k} documents of {@code file} that {@code filter} accepts ({@code sampler: first_n}). */
    record FirstN(String file, Predicate<Doc> filter) implements Fewshot {}

    /**
     * {@code k} documents of {@code file} drawn by {@code random.Random(seed).sample}, the one
     * generator drawing for each document in turn (the harness's default sampler, seed 1234).
     */
    record RandomSample(String file, long seed) implements Fewshot {}

    /** Fixed examples written into the task (a YAML's {@code fewshot_config.samples}), first {@code k} of them. */
    record Fixed(List<Doc> examples) implements Fewshot {
        public Fixed {
            examples = List.copyOf(examples);
        }
    }

    /**
     * Hands out each document's {@code k} examples, in document order.
     *
     * @throws DatasetException if the source cannot give {@code k} examples
     */
    static Sampler sampler(Fewshot f, TaskData data, int k, String task) {
        if (k > 0 && f instanceof None) throw new DatasetException(task + " has no few-shot examples in the dataset files; run it 0-shot");
        int available = available(f, data);
        if (k > available) throw new DatasetException(task + " has only " + available + " few-shot examples, " + k + " asked");
        return sampler(f, data);
    }

    /** The dataset files a task reads: its documents' and its examples'. */
    static List<String> dataFiles(String datasetFile, Fewshot f) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(datasetFile), files(f).stream()).distinct().toList();
    }

    private static Sampler sampler(Fewshot f, TaskData data) {
        return switch (f) {
            case None n -> k -> List.of();
            case FirstN fn -> {
                List<Doc> pool = data.docs(fn.file()).stream().filter(fn.filter()).toList();
                yield k -> pool.subList(0, Math.min(k, pool.size()));
            }
            case RandomSample rs -> {
                List<Doc> pool = data.docs(rs.file());
                PythonRandom rnd = new PythonRandom(rs.seed());
                yield k -> rnd.sample(pool, k);
            }
            case Fixed fx -> k -> fx.examples().subList(0, Math.min(k, fx.examples().size()));
        };
    }

    /** The dataset file the examples come from, if any. */
    static List<String> files(Fewshot f) {
        return switch (f) {
            case None n -> List.of();
            case FirstN fn -> List.of(fn.file());
            case RandomSample rs -> List.of(rs.file());
            case Fixed fx -> List.of();
        };
    }

    /** How many examples the source can give for one document. */
    static int available(Fewshot f, TaskData data) {
        return switch (f) {
            case None n -> 0;
            case FirstN fn -> (int) data.docs(fn.file()).stream().filter(fn.filter()).count();
            case RandomSample rs -> data.docs(rs.file()).size();
            case Fixed fx -> fx.examples().size();
        };
    }

    /** The examples for the next document. */
    @FunctionalInterface
    interface Sampler {
        List<Doc> next(int k);
    }
}
