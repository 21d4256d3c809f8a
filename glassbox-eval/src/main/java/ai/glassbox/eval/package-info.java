/**
 * Evaluation of language models on standard benchmarks with lm-evaluation-harness scoring.
 *
 * <p>A {@link ai.glassbox.eval.task.Task} renders each document of its dataset into
 * {@link ai.glassbox.eval.request.Request}s, a {@link LanguageModel} answers them, and the task
 * scores the answers into per-sample metrics that {@link ai.glassbox.eval.run.EvalRun} aggregates
 * and records in a run directory.
 */
package ai.glassbox.eval;
