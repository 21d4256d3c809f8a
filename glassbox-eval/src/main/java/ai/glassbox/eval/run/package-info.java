/** Evaluation runs: planning, resumable per-sample records, manifests and results, and re-running a finished run to check its records. */
package ai.glassbox.eval.run;
