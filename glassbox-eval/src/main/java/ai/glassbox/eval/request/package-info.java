/** The harness's request and response types: loglikelihood and generate-until. */
package ai.glassbox.eval.request;
