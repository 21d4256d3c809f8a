/** Filter pipelines that extract answers from generated text (lm-eval's {@code filter_list}). */
package ai.glassbox.eval.filter;
