package dev.pixkit.imaging.pipeline;

/** Placeholder: the pipeline defines the step geometry (sizes, offsets, padding) here. */
record Geometry() {}
