/**
 * Benchmark tasks formatted exactly as lm-evaluation-harness's task YAMLs: prompts, target and
 * few-shot delimiters, few-shot sampling, stop sequences and scoring; and the pinned dataset files
 * they read, from a directory, converted from their canonical upstream files, or from a mirror of
 * the normalized files.
 */
package ai.glassbox.eval.task;
