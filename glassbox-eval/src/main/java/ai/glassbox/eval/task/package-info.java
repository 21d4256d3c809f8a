/**
 * Benchmark tasks formatted exactly as lm-evaluation-harness's task YAMLs: prompts, target and
 * few-shot delimiters, few-shot sampling, stop sequences and scoring.
 */
package ai.glassbox.eval.task;
