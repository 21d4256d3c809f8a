package ai.glassbox.eval.run;

import ai.glassbox.engine.EngineOptions;
import ai.glassbox.eval.backend.LocalEngineModel;
import ai.glassbox.eval.task.TaskData;
import java.nio.file.Path;
import java.util.List;

/** A run in its own JVM, for the test that kills one: {@code MODEL DATA OUT LIMIT TASK...}. */
public final class EvalRunMain {
    private EvalRunMain() {}

    public static void main(String[] args) {
        try (var model = LocalEngineModel.open(Path.of(args[0]), EvalRunTest.ENGINE)) {
            EvalRun.run(model, TaskData.fromDirectory(Path.of(args[1])), EvalRunTest.options(Path.of(args[2]), Integer.parseInt(args[3]), List.of(args).subList(4, args.length)), ProgressListener.NONE);
        }
    }

}
