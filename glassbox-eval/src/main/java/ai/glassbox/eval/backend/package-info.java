/**
 * Language models the harness can evaluate: {@link ai.glassbox.eval.backend.LocalEngineModel}, the
 * engine in this process, and {@link ai.glassbox.eval.backend.OpenAiCompatibleModel}, any
 * OpenAI-compatible server or fleet of servers, configured by
 * {@link ai.glassbox.eval.backend.OpenAiCompatibleConfig}. Both tokenize loglikelihood requests the
 * same way, so they score the same tokens.
 */
package ai.glassbox.eval.backend;
