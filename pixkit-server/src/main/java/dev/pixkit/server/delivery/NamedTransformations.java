package dev.pixkit.server.delivery;

import dev.pixkit.server.system.InvalidSettingException;
import dev.pixkit.server.system.PixkitSettings;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;
import dev.pixkit.url.transform.TransformationException;
import dev.pixkit.url.transform.TransformationParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Named transformations ({@code n-<name>}): aliases for transformation strings, read once at start from
 * {@code PIXKIT_NAMED_TRANSFORMATIONS} (default {@code <dataDir>/named-transformations.properties}, optional), one
 * {@code name=w-400,h-300} per line. The media library's thumbnails, {@code ik_ml_thumbnail} and
 * {@code media_library_thumbnail}, are built in and may be redefined. Every definition is parsed at start, so a bad
 * one stops the server naming the entry; definitions cannot refer to other named transformations.
 */
@Component
class NamedTransformations {
    /** The media library thumbnail: fit in 400×300, never enlarged, best format the browser takes. */
    static final String THUMBNAIL = "w-400,h-300,c-at_max,f-auto";
    private static final Logger log = LoggerFactory.getLogger(NamedTransformations.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private final Map<String, Transformation> byName;

    NamedTransformations(PixkitSettings settings) {
        Map<String, String> definitions = new LinkedHashMap<>();
        definitions.put("ik_ml_thumbnail", THUMBNAIL);
        definitions.put("media_library_thumbnail", THUMBNAIL);
        if (Files.isReadable(settings.namedTransformations())) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(settings.namedTransformations(), StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + settings.namedTransformations(), e);
            }
            p.stringPropertyNames().stream().sorted().forEach(k -> definitions.put(k, p.getProperty(k).strip()));
            log.info("Loaded {} named transformations from {}", p.size(), settings.namedTransformations());
        }
        this.byName = parseAll(definitions, settings.namedTransformations().toString());
    }

    static Map<String, Transformation> parseAll(Map<String, String> definitions, String source) {
        Map<String, Transformation> parsed = new LinkedHashMap<>();
        definitions.forEach((name, text) -> {
            String where = "PIXKIT_NAMED_TRANSFORMATIONS (" + source + "): '" + name + "'";
            if (!NAME.matcher(name).matches()) {
                throw new InvalidSettingException(where + " is not a valid name (letters, digits, _ . -)");
            }
            try {
                Transformation t = TransformationParser.parse(text);
                if (t.steps().stream().anyMatch(s -> s.named() != null)) {
                    throw new InvalidSettingException(where + " refers to another named transformation");
                }
                parsed.put(name, t);
            } catch (TransformationException e) {
                throw new InvalidSettingException(where + " is invalid: " + e.getMessage());
            }
        });
        return Map.copyOf(parsed);
    }

    /**
     * Replaces every {@code n-} step by its definition. Other parameters written in the same step follow the
     * definition as one more step, so {@code n-thumb,rt-90} is the thumbnail, then rotated.
     */
    Transformation expand(Transformation t) {
        List<Step> steps = new ArrayList<>();
        for (Step step : t.steps()) {
            if (step.named() == null) {
                steps.add(step);
                continue;
            }
            Transformation named = byName.get(step.named());
            if (named == null) {
                throw new TransformationException(TransformationException.Kind.INVALID, "n-" + step.named(),
                        "Named transformation \"" + step.named() + "\" does not exist.");
            }
            steps.addAll(named.steps());
            Step rest = step.withNamed(null);
            if (!rest.isEmpty()) {
                steps.add(rest);
            }
        }
        return new Transformation(steps);
    }

    /** True when every step is only a named transformation — what ImageKit lets through on private files. */
    static boolean onlyNamed(Transformation t) {
        return t.steps().stream().allMatch(s -> s.named() != null && s.withNamed(null).isEmpty());
    }
}
