package dev.pixkit.imaging.pipeline;

/**
 * One stage of the pipeline, one class each, stateless. The {@link Pipeline} runs the stages of every chain step in
 * a fixed order — load (shrink-on-load, first step only) → auto-orient → trim → extract/crop → resize → rotate/flip →
 * effects → pad/extend → radius/border → layers — and after the last step: colour profile → metadata strip → encode.
 * A stage that has nothing to do for the current step leaves the image as it is.
 */
interface PipelineStep {

    /** Applies this stage to {@link StepContext#image()}, replacing it through {@link StepContext#replace}. */
    void apply(StepContext ctx);
}
