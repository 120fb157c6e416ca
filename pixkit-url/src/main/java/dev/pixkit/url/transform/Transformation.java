package dev.pixkit.url.transform;

import java.util.List;

/** A chain of steps applied left to right ({@code tr:w-400,h-300:rt-90} has two). Never empty. */
public record Transformation(List<Step> steps) {
    public Transformation {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a transformation has at least one step");
        }
    }

    public static Transformation of(Step... steps) {
        return new Transformation(List.of(steps));
    }
}
