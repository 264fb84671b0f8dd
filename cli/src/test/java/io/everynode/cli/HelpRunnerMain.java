package io.everynode.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs {@code everynode COMMAND --help} for every line of {@code args[0]} (a command path, words
 * separated by spaces), in this one JVM, each as {@link Main#main} runs it but without exiting:
 * what it writes to {@code System.out} and {@code System.err} (picocli's warnings included) goes to
 * {@code DIR/N.out} and {@code DIR/N.err}, its exit code to {@code DIR/N.exit}, N the line's index.
 * One JVM for every command: {@link HelpIT} would otherwise start one per command.
 */
public final class HelpRunnerMain {
    private HelpRunnerMain() {}

    public static void main(String[] args) throws IOException {
        Path list = Path.of(args[0]);
        Path dir = list.getParent();
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        Switch out = new Switch();
        Switch err = new Switch();
        // Set before picocli's first use: its tracer keeps the System.err it found.
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        for (int i = 0; i < lines.size(); i++) {
            List<String> command = new ArrayList<>(
                    lines.get(i).isBlank()
                            ? List.of()
                            : Arrays.asList(lines.get(i).split(" ")));
            command.add("--help");
            int exit;
            try (OutputStream o = new FileOutputStream(dir.resolve(i + ".out").toFile());
                    OutputStream e =
                            new FileOutputStream(dir.resolve(i + ".err").toFile())) {
                out.target = o;
                err.target = e;
                exit = new CommandLine(new Main()).execute(command.toArray(String[]::new));
                System.out.flush();
                System.err.flush();
            } finally {
                out.target = OutputStream.nullOutputStream();
                err.target = OutputStream.nullOutputStream();
            }
            Files.writeString(dir.resolve(i + ".exit"), Integer.toString(exit));
        }
    }

    /** An output stream whose destination the runner changes between commands. */
    private static final class Switch extends OutputStream {
        volatile OutputStream target = OutputStream.nullOutputStream();

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }
}
