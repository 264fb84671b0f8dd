package io.everynode.cli;

import io.everynode.agent.process.ImageDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code everynode image}: {@code import}, {@code ls} and {@code rm} manage the container runtime's
 * image store (docs/containers.md, Images); {@code add} and {@code list} the process runtime's
 * image directories (docs/images.md), which are a different thing and stay as they were.
 */
@Command(
        name = "image",
        mixinStandardHelpOptions = true,
        description = "Manages the container runtime's image store (import, ls, rm; docs/containers.md) and the"
                + " process runtime's image directory (add, list; docs/images.md).",
        subcommands = {
            ImageCommand.Add.class,
            ImageCommand.ListImages.class,
            ImageStoreCommands.Import.class,
            ImageStoreCommands.Ls.class,
            ImageStoreCommands.Rm.class
        })
final class ImageCommand implements Runnable {
    /** Where {@code everynode up} keeps the images its nodes share, under its default data directory. */
    static final String DEFAULT_IMAGES_DIR = ".everynode/images";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description =
                    "Adds DIR (which must hold an executable `entrypoint`) as image NAME:TAG, replacing one of that name.")
    static final class Add implements Callable<Integer> {
        @Parameters(
                index = "0",
                paramLabel = "NAME:TAG",
                description = "The image's name and tag, e.g. example.com/log-shipper:1.")
        String image;

        @Parameters(
                index = "1",
                paramLabel = "DIR",
                description = "A directory with an executable `entrypoint` (copied whole).")
        Path source;

        @Option(
                names = "--images-dir",
                defaultValue = DEFAULT_IMAGES_DIR,
                description = "The image directory (default: ${DEFAULT-VALUE}).")
        Path imagesDir;

        @Override
        public Integer call() {
            try {
                Path at = new ImageDirectory(imagesDir).add(image, source);
                System.out.println("added image " + image + " at " + at);
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            } catch (Exception e) {
                System.err.println("error: cannot add image " + image + ": " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists the images in the image directory, one NAME:TAG a line.")
    static final class ListImages implements Callable<Integer> {
        @Option(
                names = "--images-dir",
                defaultValue = DEFAULT_IMAGES_DIR,
                description = "The image directory (default: ${DEFAULT-VALUE}).")
        Path imagesDir;

        @Override
        public Integer call() {
            try {
                List<String> all = new ImageDirectory(imagesDir).list();
                for (String i : all) System.out.println(i);
                return 0;
            } catch (Exception e) {
                System.err.println("error: cannot list " + imagesDir + ": " + e.getMessage());
                return 1;
            }
        }
    }
}
