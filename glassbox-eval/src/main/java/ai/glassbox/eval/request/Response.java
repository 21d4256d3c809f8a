package ai.glassbox.eval.request;

/** A model's answer to one {@link Request}. */
public sealed interface Response permits LogLikelihoodResponse, GenerationResponse {}
