/** Language models the harness can evaluate: the local engine and OpenAI-compatible endpoints. */
package ai.glassbox.eval.backend;
