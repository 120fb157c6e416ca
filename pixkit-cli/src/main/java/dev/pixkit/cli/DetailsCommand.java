package dev.pixkit.cli;

import dev.pixkit.client.PixkitClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code details <fileId>}: the file's details as pretty-printed JSON, every field the server sent. */
@Command(name = "details", mixinStandardHelpOptions = true, description = "Prints a file's details as JSON.")
final class DetailsCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @ParentCommand
    PixkitCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE_ID", description = "The file's id.")
    String fileId;

    @Override
    public Integer call() {
        try (PixkitClient client = cli.client(spec.commandLine(), true)) {
            String raw = client.detailsJson(fileId);
            JsonNode tree = JSON.readTree(raw);
            PrintWriter out = spec.commandLine().getOut();
            out.println(JSON.writeValueAsString(tree));
            out.flush();
            return PixkitCli.OK;
        }
    }
}
