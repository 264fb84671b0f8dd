package io.everynode.cli;

import io.everynode.images.BadImage;
import io.everynode.images.ImageImporter;
import io.everynode.images.ImageReference;
import io.everynode.images.ImageStore;
import io.everynode.images.InvalidImageName;
import io.everynode.images.StoredImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code everynode image import|ls|rm}: the container runtime's image store (docs/containers.md, Images). */
final class ImageStoreCommands {
    private ImageStoreCommands() {}

    /** The {@code --image-store} option the three commands share. */
    static final class StoreDir {
        @Option(
                names = "--image-store",
                defaultValue = ContainerImageFlags.DEFAULT_STORE_DIR,
                description = "The image store (default: ${DEFAULT-VALUE}).")
        Path dir;

        ImageStore open() {
            return ImageStore.open(dir);
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description =
                    "Imports the images of FILE: an OCI image layout (directory or tar) or a docker save archive.")
    static final class Import implements Callable<Integer> {
        @Parameters(
                index = "0",
                paramLabel = "FILE",
                description = "An OCI layout directory, an OCI archive or a docker save tar.")
        Path file;

        @Option(names = "--name", paramLabel = "REF", description = "The name of an image the archive does not name.")
        String name;

        @Mixin
        StoreDir store;

        @Override
        public Integer call() {
            if (!Files.exists(file)) {
                System.err.println("error: " + file + " does not exist");
                return 2;
            }
            try {
                List<ImageImporter.Imported> imported =
                        new ImageImporter(store.open()).importFrom(file, Optional.ofNullable(name));
                for (ImageImporter.Imported i : imported) System.out.println("imported " + i.name() + " " + i.digest());
                return 0;
            } catch (Exception e) {
                System.err.println("error: cannot import " + file + ": " + e.getMessage());
                // a file that is no image (or names none) is the caller's mistake: 2, as for bad flags
                return e instanceof InvalidImageName || e instanceof BadImage ? 2 : 1;
            }
        }
    }

    @Command(
            name = "ls",
            mixinStandardHelpOptions = true,
            description = "Lists the images in the image store, as crictl images does.")
    static final class Ls implements Callable<Integer> {
        @Mixin
        StoreDir store;

        @Override
        public Integer call() {
            try {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"REPOSITORY", "TAG", "DIGEST", "SIZE"});
                for (StoredImage image : store.open().list()) {
                    for (String n : image.names()) {
                        ImageReference r = ImageReference.parse(n);
                        rows.add(new String[] {
                            r.repository(),
                            r.tag() == null ? "<none>" : r.tag(),
                            image.digest().hex().substring(0, 13),
                            humanSize(image.size())
                        });
                    }
                }
                print(rows);
                return 0;
            } catch (Exception e) {
                System.err.println("error: cannot list " + store.dir + ": " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(
            name = "rm",
            mixinStandardHelpOptions = true,
            description =
                    "Removes the image REF (a name, or name@digest for every name of that image) and the layers no other image uses.")
    static final class Rm implements Callable<Integer> {
        @Parameters(paramLabel = "REF", arity = "1..*", description = "The images to remove.")
        List<String> refs;

        @Mixin
        StoreDir store;

        @Override
        public Integer call() {
            int status = 0;
            ImageStore images = store.open();
            for (String ref : refs) {
                try {
                    ImageReference r = ImageReference.parse(ref);
                    if (images.remove(r)) {
                        System.out.println("Deleted: " + r);
                    } else {
                        System.err.println("error: no such image " + r);
                        status = 1;
                    }
                } catch (InvalidImageName e) {
                    System.err.println("error: " + e.getMessage());
                    status = 2;
                } catch (Exception e) {
                    System.err.println("error: cannot remove " + ref + ": " + e.getMessage());
                    status = 1;
                }
            }
            return status;
        }
    }

    /** Decimal units with four significant digits, as crictl (Go's units.HumanSize) prints sizes. */
    static String humanSize(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + units[u];
    }

    private static void print(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) line.append(" ".repeat(width[i] - r[i].length() + 3));
            }
            System.out.println(line);
        }
    }
}
