/** Evaluation runs: planning, resumable per-sample records, manifests and results. */
package ai.glassbox.eval.run;
