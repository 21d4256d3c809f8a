/** Per-sample metrics and their aggregation, as lm-evaluation-harness computes them. */
package ai.glassbox.eval.metric;
