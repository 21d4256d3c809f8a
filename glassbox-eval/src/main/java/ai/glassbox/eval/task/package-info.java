/**
 * Benchmark tasks formatted exactly as lm-evaluation-harness's task YAMLs: prompts, target and
 * few-shot delimiters, few-shot sampling, stop sequences and scoring; and the pinned dataset files
 * they read, from a directory, a mirror of the normalized files, or converted from their canonical
 * upstream files.
 */
package ai.glassbox.eval.task;
