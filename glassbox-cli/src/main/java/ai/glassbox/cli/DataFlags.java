package ai.glassbox.cli;

import ai.glassbox.eval.task.DatasetDownloader;
import ai.glassbox.eval.task.DatasetFetcher;
import ai.glassbox.eval.task.TaskData;
import ai.glassbox.eval.task.Tasks;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/** Flags that choose where the datasets of a run are read from, and whether missing ones are fetched. */
final class DataFlags {
    @Option(names = "--data", paramLabel = "DIR", description = "dataset directory (default: $GLASSBOX_DATA, ./datasets or ../shared/datasets; else the tasks' files are fetched, see --download)")
    Path data;

    @Option(names = "--download", description = "fetch the tasks' missing dataset files into --data (default: ~/.cache/glassbox/datasets), each verified against"
            + " its pinned SHA-256: each is converted from its pinned upstream files, or taken from --data-url;"
            + " implied by --data-url and --upstream-url, and when there is no dataset directory")
    boolean download;

    @Option(names = "--data-url", paramLabel = "URL", description = "a mirror serving the normalized dataset files by name, used instead of the upstream files; implies --download")
    URI dataUrl;

    @Option(names = "--upstream-url", paramLabel = "URL", description = "a mirror of GitHub serving upstream files, those kept in Git LFS with their content, as URL/OWNER/REPO/COMMIT/PATH (default: "
            + "https://raw.githubusercontent.com/, and https://media.githubusercontent.com/media/ for LFS files); implies --download")
    URI upstreamUrl;

    /**
     * The datasets of {@code tasks}. A dataset directory given or found is read as it is. Files are
     * fetched when asked for, and when there is no directory at all, so a first run needs no
     * set-up; a directory found by default (which may be read-only shared data) is never written to.
     */
    TaskData taskData(List<String> tasks, PrintWriter err) {
        Optional<Path> local = data != null ? Optional.of(data) : TaskData.defaultDirectory();
        if (local.isPresent() && !download && dataUrl == null && upstreamUrl == null) return TaskData.fromDirectory(local.get());
        var fetcher = DatasetFetcher.into(data != null ? data : DatasetDownloader.defaultCache());
        if (upstreamUrl != null) fetcher = fetcher.withUpstream(upstreamUrl);
        if (dataUrl != null) fetcher = fetcher.withMirror(dataUrl);
        Set<String> files = new LinkedHashSet<>();
        for (var t : Tasks.resolve(tasks)) files.addAll(t.dataFiles());
        for (String f : files) {
            if (fetcher.cached(f)) continue;
            err.printf("fetching %s into %s%n", f, fetcher.cache());
            err.flush();
            fetcher.fetch(f);
        }
        return TaskData.fromDirectory(fetcher.cache());
    }
}
