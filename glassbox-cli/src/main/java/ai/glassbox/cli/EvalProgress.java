package ai.glassbox.cli;

import ai.glassbox.eval.run.ProgressListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr with rate, ETA and the running score: a progress bar on a terminal, else a
 * line every ten seconds and at the end of each task (for logs).
 */
final class EvalProgress implements ProgressListener, AutoCloseable {
    private static final long LINE_INTERVAL_NANOS = 10_000_000_000L;
    private final PrintWriter err;
    private final boolean bar;
    private ProgressBar current;
    private long startNanos;
    private long lastLineNanos;
    private int startDone;

    EvalProgress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.bar = enabled && System.console() != null;
    }

    @Override
    public void taskStarted(String task, int total, int done) {
        if (done > 0) err.printf("%s: %d of %d samples already done, continuing%n", task, done, total);
        err.flush();
        startNanos = lastLineNanos = System.nanoTime();
        startDone = done;
        if (!bar) return;
        current = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .startsFrom(done, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .showSpeed()
                .setUnit(" samples", 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }

    @Override
    public void samplesDone(String task, int done, int total, String metric, double runningScore) {
        String score = String.format(Locale.ROOT, "%s %.4f", metric.substring(0, metric.indexOf(',')), runningScore);
        if (current != null) {
            current.stepTo(done);
            current.setExtraMessage(score);
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastLineNanos < LINE_INTERVAL_NANOS) return;
        lastLineNanos = now;
        double rate = (done - startDone) / Math.max(1e-9, (now - startNanos) / 1e9);
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        err.printf(Locale.ROOT, "%s: %d/%d samples, %.2f samples/s, ETA %s, %s%n", task, done, total, rate, Double.isNaN(eta) ? "?" : Duration.ofSeconds((long) eta).toString().substring(2).toLowerCase(Locale.ROOT), score);
        err.flush();
    }

    @Override
    public void taskFinished(String task) {
        close();
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
