package io.everynode.controlplane.testing;

import io.everynode.controlplane.ControlPlane;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ControlPlane} for a JUnit 5 test, registered with {@code @RegisterExtension}: in a
 * static field one control plane serves the whole class (started before the first test, closed
 * after the last); in an instance field each test gets a fresh one. Tests reach it through
 * {@link #get()}.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ControlPlaneExtension cluster = new ControlPlaneExtension(() -> ControlPlane.builder().controllers(null));
 * }</pre>
 *
 * <p>JUnit is a provided dependency of this module: only tests, which bring their own JUnit, load
 * this class.
 */
public final class ControlPlaneExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final Supplier<ControlPlane.Builder> builder;
    private ControlPlane controlPlane;
    private boolean perClass;

    /** An API server on a memory store with the default controllers, on 127.0.0.1 and a free port. */
    public ControlPlaneExtension() {
        this(ControlPlane::builder);
    }

    /** {@code builder} makes a fresh builder for each control plane this extension starts. */
    public ControlPlaneExtension(Supplier<ControlPlane.Builder> builder) {
        this.builder = Objects.requireNonNull(builder);
    }

    /** The running control plane; only while a test runs. */
    public ControlPlane get() {
        if (controlPlane == null)
            throw new IllegalStateException("no control plane runs: register this extension with @RegisterExtension");
        return controlPlane;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        controlPlane = builder.get().build().start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) controlPlane = builder.get().build().start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) stop();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void stop() {
        ControlPlane c = controlPlane;
        controlPlane = null;
        if (c != null) c.close();
    }
}
