package ai.glassbox.eval.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A finished run: where {@code results.json} is and its rows.
 *
 * @param resultsFile the written {@code results.json}
 * @param rows one row per task (or group) and metric, tasks first
 */
public record EvalResults(Path resultsFile, List<Row> rows) {
    public EvalResults {
        rows = List.copyOf(rows);
    }

    /**
     * @param nShot few-shot examples, or -1 for a group
     */
    public record Row(String task, String version, String filter, int nShot, String metric, double value, double stderr, int samples) {}

    /** The harness's summary table, in Markdown. */
    public String table() {
        StringBuilder sb = new StringBuilder("|Tasks|Version|Filter|n-shot|Metric|Value|Stderr|n|\n|---|---|---|---:|---|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append('|').append(r.task()).append('|').append(r.version()).append('|').append(r.filter()).append('|')
                    .append(r.nShot() < 0 ? "" : Integer.toString(r.nShot())).append('|').append(r.metric()).append('|')
                    .append(String.format(Locale.ROOT, "%.4f", r.value())).append('|')
                    .append(Double.isNaN(r.stderr()) ? "N/A" : String.format(Locale.ROOT, "± %.4f", r.stderr())).append('|')
                    .append(r.samples()).append("|\n");
        }
        return sb.toString();
    }
}
