package dev.pixkit.cli;

import dev.pixkit.client.BatchItemResult;
import dev.pixkit.client.PixkitClient;
import dev.pixkit.client.UploadRequest;
import dev.pixkit.client.UploadResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code upload <files…>}: one output line per uploaded file, {@code fileId<TAB>filePath<TAB>url}, in argument order. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Uploads files. Prints one line per file: fileId, filePath and url, separated by tabs.",
                "Several files are uploaded in parallel, with progress on stderr."})
final class UploadCommand implements Callable<Integer> {
    @ParentCommand
    PixkitCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to upload.")
    List<Path> files;

    @Option(names = "--folder", paramLabel = "FOLDER", description = "Destination folder, e.g. /products (default /).")
    String folder;

    @Option(names = "--tags", split = ",", paramLabel = "TAG", description = "Comma-separated tags, e.g. a,b.")
    List<String> tags;

    @Option(names = "--private", description = "Make the files private: delivered through signed URLs only.")
    boolean isPrivate;

    @Option(names = "--no-unique", description = "Keep the file names as they are (no random suffix).")
    boolean noUnique;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "Uploads at a time (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        if (parallel < 1) {
            throw new ParameterException(cmd, "--parallel must be at least 1");
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new ParameterException(cmd, "Not a readable file: " + f);
            }
        }
        List<UploadRequest> requests = new ArrayList<>();
        for (Path f : files) {
            UploadRequest.Builder b = UploadRequest.of(f).folder(folder);
            if (tags != null && !tags.isEmpty()) {
                b.tags(tags.stream().map(String::strip).filter(t -> !t.isEmpty()).toList());
            }
            if (isPrivate) {
                b.isPrivateFile(true);
            }
            if (noUnique) {
                b.useUniqueFileName(false);
            }
            requests.add(b.build());
        }

        PrintWriter out = cmd.getOut();
        PrintWriter err = cmd.getErr();
        try (PixkitClient client = cli.client(cmd, true)) {
            if (requests.size() == 1) {
                print(out, client.upload(requests.getFirst()));
                return PixkitCli.OK;
            }
            Progress progress = new Progress(err, cli.stderrIsTerminal(), requests);
            List<BatchItemResult> results = client.batchUpload(requests, parallel, progress);
            progress.finish();
            int failed = 0;
            for (BatchItemResult r : results) {
                if (r.isSuccess()) {
                    print(out, r.result());
                } else {
                    failed++;
                    err.println("Error: " + files.get(r.index()) + ": " + PixkitCli.describe(r.error()));
                }
            }
            out.flush();
            err.flush();
            if (failed > 0) {
                err.println(failed + " of " + results.size() + " uploads failed");
                err.flush();
                return PixkitCli.API_ERROR;
            }
            return PixkitCli.OK;
        }
    }

    private static void print(PrintWriter out, UploadResult r) {
        out.println(r.fileId() + "\t" + r.filePath() + "\t" + r.url());
        out.flush();
    }
}
