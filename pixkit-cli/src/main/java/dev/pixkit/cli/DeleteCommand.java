package dev.pixkit.cli;

import dev.pixkit.client.PixkitClient;
import dev.pixkit.client.PixkitException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code delete <fileId…>}: deletes each file; goes on after a failure and exits 1 if any failed. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Deletes files (with all their versions). Prints 'deleted <fileId>' for each.")
final class DeleteCommand implements Callable<Integer> {
    @ParentCommand
    PixkitCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE_ID", description = "Ids of the files to delete.")
    List<String> fileIds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        try (PixkitClient client = cli.client(spec.commandLine(), true)) {
            for (String id : fileIds) {
                try {
                    client.delete(id);
                    out.println("deleted " + id);
                } catch (PixkitException e) {
                    failed++;
                    err.println("Error: " + id + ": " + PixkitCli.describe(e));
                }
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? PixkitCli.OK : PixkitCli.API_ERROR;
    }
}
