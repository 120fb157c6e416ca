package dev.pixkit.cli;

import dev.pixkit.client.PixkitClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code url <path> [--tr …] [--signed [--expires 1h]]}: prints a delivery URL; needs the key only when signing. */
@Command(name = "url", mixinStandardHelpOptions = true,
        description = "Prints the delivery URL of a file path, optionally transformed and signed.")
final class UrlCommand implements Callable<Integer> {
    @ParentCommand
    PixkitCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "The file path, e.g. /products/shoe.jpg.")
    String path;

    @Option(names = "--tr", paramLabel = "TRANSFORMATION",
            description = "A transformation such as w-300,h-200 or w-300:rt-90 (added as ?tr=…).")
    String transformation;

    @Option(names = "--signed", description = "Sign the URL with the private key (needed for private files).")
    boolean signed;

    @Option(names = "--expires", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a signed URL stays valid: 90s, 15m, 1h, 7d, 1h30m or PT1H (implies --signed;"
                    + " without it a signed URL never expires).")
    Duration expires;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        boolean sign = signed || expires != null;
        try (PixkitClient client = cli.client(cmd, sign)) {
            String url = sign ? client.signedUrl(path, transformation, expires) : client.url(path, transformation);
            cmd.getOut().println(url);
            cmd.getOut().flush();
            return PixkitCli.OK;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
    }
}
