package ai.glassbox.eval.run;

import ai.glassbox.eval.metric.Aggregate;
import ai.glassbox.eval.task.Tasks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes {@code results.json} from the per-sample files alone (so a resumed run and an
 * uninterrupted one give the same file), in lm-evaluation-harness's schema: {@code results},
 * {@code groups}, {@code group_subtasks}, {@code configs}, {@code versions}, {@code n-shot},
 * {@code higher_is_better}, {@code n-samples}. Groups (MMLU and its four categories) are added
 * when all their tasks ran: the size-weighted mean and pooled standard error of their members.
 */
final class Results {
    private Results() {}

    static final String FILE = "results.json";

    static EvalResults write(Path dir, List<EvalRun.PlannedTask> plan, ObjectNode manifest) {
        Map<String, Map<String, Aggregate>> byTask = new LinkedHashMap<>();
        for (EvalRun.PlannedTask p : plan) byTask.put(p.task().name(), aggregate(EvalRun.samplesFile(dir, p.task().name()), p));
        Map<String, Map<String, Aggregate>> groups = groups(byTask);

        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ObjectNode results = root.putObject("results");
        byTask.forEach((task, metrics) -> results.set(task, metricNode(task, metrics)));
        groups.forEach((group, metrics) -> results.set(group, metricNode(group, metrics)));
        ObjectNode groupNode = root.putObject("groups");
        groups.forEach((group, metrics) -> groupNode.set(group, metricNode(group, metrics)));
        ObjectNode subtasks = root.putObject("group_subtasks");
        for (String g : groups.keySet()) subtasks.putPOJO(g, members(g));
        ObjectNode configs = root.putObject("configs");
        ObjectNode versions = root.putObject("versions");
        ObjectNode nshot = root.putObject("n-shot");
        ObjectNode better = root.putObject("higher_is_better");
        ObjectNode nsamples = root.putObject("n-samples");
        for (String g : groups.keySet()) versions.put(g, GROUP_VERSION);
        for (EvalRun.PlannedTask p : plan) {
            String name = p.task().name();
            configs.putPOJO(name, p.task().config(p.numFewshot()));
            versions.put(name, p.task().version());
            nshot.put(name, p.numFewshot());
            ObjectNode hb = better.putObject(name);
            p.task().metrics().forEach((k, v) -> hb.put(k.substring(0, k.indexOf(',')), v));
            ObjectNode ns = nsamples.putObject(name);
            ns.put("original", p.originalSize());
            ns.put("effective", p.samples().size());
        }
        root.set("config", manifest);
        try {
            String text = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
            Path tmp = dir.resolve(FILE + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
        List<EvalResults.Row> rows = new ArrayList<>();
        for (EvalRun.PlannedTask p : plan) addRows(rows, p.task().name(), p.task().version(), p.numFewshot(), byTask.get(p.task().name()));
        groups.forEach((g, m) -> addRows(rows, g, GROUP_VERSION, -1, m));
        return new EvalResults(dir.resolve(FILE), rows);
    }

    private static void addRows(List<EvalResults.Row> rows, String task, String version, int nshot, Map<String, Aggregate> metrics) {
        metrics.forEach((key, a) -> {
            int comma = key.indexOf(',');
            rows.add(new EvalResults.Row(task, version, key.substring(comma + 1), nshot, key.substring(0, comma), a.value(), a.stderr(), a.size()));
        });
    }

    private static Map<String, Aggregate> aggregate(Path file, EvalRun.PlannedTask p) {
        List<JsonNode> lines = SamplesFile.read(file);
        Map<String, Aggregate> out = new LinkedHashMap<>();
        for (String key : p.task().metrics().keySet()) {
            double[] values = new double[lines.size()];
            for (int i = 0; i < values.length; i++) values[i] = SampleRecord.metrics(lines.get(i)).get(key);
            out.put(key, Aggregate.mean(values));
        }
        return out;
    }

    /**
     * Groups whose every task ran. Like the harness, a group aggregates its leaf tasks (MMLU's 57
     * subjects, not its four category scores), weighted by size, with the pooled standard error.
     */
    private static Map<String, Map<String, Aggregate>> groups(Map<String, Map<String, Aggregate>> byTask) {
        Map<String, Map<String, Aggregate>> out = new LinkedHashMap<>();
        Tasks.groups().forEach((group, leaves) -> {
            if (byTask.keySet().containsAll(leaves)) out.put(group, combine(leaves, byTask));
        });
        return out;
    }

    /** The members the harness lists for a group: MMLU's four categories, or a category's subjects. */
    private static List<String> members(String group) {
        if (group.equals("mmlu")) return ai.glassbox.eval.task.Mmlu.GROUPS.stream().map(g -> "mmlu_" + g).toList();
        return Tasks.groups().get(group);
    }

    /** The harness's group version. */
    static final String GROUP_VERSION = "2";

    private static Map<String, Aggregate> combine(List<String> members, Map<String, Map<String, Aggregate>> source) {
        Map<String, Aggregate> out = new LinkedHashMap<>();
        for (String key : source.get(members.getFirst()).keySet()) {
            List<Aggregate> parts = members.stream().map(m -> source.get(m).get(key)).toList();
            out.put(key, Aggregate.weightedBySize(parts));
        }
        return out;
    }

    private static ObjectNode metricNode(String alias, Map<String, Aggregate> metrics) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("alias", alias);
        metrics.forEach((key, a) -> {
            int comma = key.indexOf(',');
            n.put(key, a.value());
            String stderrKey = key.substring(0, comma) + "_stderr" + key.substring(comma);
            if (Double.isNaN(a.stderr())) n.put(stderrKey, "N/A");
            else n.put(stderrKey, a.stderr());
        });
        return n;
    }
}
