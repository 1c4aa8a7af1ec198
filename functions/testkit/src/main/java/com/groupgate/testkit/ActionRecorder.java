package com.groupgate.testkit;

import com.groupgate.aws.DirectCallListener;
import com.groupgate.emulator.LocalResources;
import com.groupgate.emulator.StableArns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS action a function's clients perform, as IAM authorizes it
 * ({@link IamActions}), with ARNs in their stable form ({@link StableArns}). What a test JVM
 * recorded is written at its exit to {@code target/aws-actions/<pid>.tsv} of the module
 * under test — {@code function, action, resource} a line — where the permissions check
 * (functions/permissions) reads every module's after the whole suite has run. It also
 * records the keys of the MainTable items they write ({@link MainTableWrites}).
 */
public final class ActionRecorder implements ExecutionInterceptor, DirectCallListener {
    private static final Path DIRECTORY = Path.of("target", "aws-actions");
    private static final Set<String> RECORDED = ConcurrentHashMap.newKeySet();
    private static boolean started;

    private final String function;
    private final IamActions actions;
    private final StableArns arns;
    private final MainTableWrites writes;

    private ActionRecorder(String function, LocalResources resources) {
        this.function = function;
        this.actions = new IamActions(resources);
        this.arns = new StableArns(resources);
        this.writes = new MainTableWrites(resources.table("MainTable"));
    }

    /** A recorder for the clients of {@code functionLogicalId}. */
    public static synchronized ActionRecorder forFunction(String functionLogicalId, LocalResources resources) {
        if (!started) {
            started = true;
            clearEarlierRuns();
            Runtime.getRuntime().addShutdownHook(new Thread(ActionRecorder::write, "aws-actions-write"));
        }
        return new ActionRecorder(functionLogicalId, resources);
    }

    /**
     * A presigned GET made by this function: the caller (a browser) performs it with the
     * function's signature, so IAM authorizes it as the function's {@code s3:GetObject},
     * but no client of the function sends it. Path-style URLs, as the emulator gets them.
     */
    public void presignedGet(java.net.URI url) {
        String[] path = url.getPath().substring(1).split("/", 2);
        for (IamActions.Use use : actions.presignedGet(path[0], path.length > 1 ? path[1] : null)) {
            RECORDED.add(function + "\t" + use.action() + "\t" + arns.of(use.resource()));
        }
    }

    /** A call the function's adapter signed and sent itself (Secrets Manager reads), authorized as any other. */
    @Override
    public void directCall(String service, String operation, String resource) {
        RECORDED.add(function + "\t" + service + ":" + operation + "\t" + arns.of(resource));
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (IamActions.Use use : actions.of(service, operation, context.request())) {
            RECORDED.add(function + "\t" + use.action() + "\t" + arns.of(use.resource()));
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        actions.answered(context.request(), context.response());
        writes.answered(context.request());
    }

    /** The records of earlier runs in this module would hide an action no longer used. */
    private static void clearEarlierRuns() {
        if (!Files.isDirectory(DIRECTORY)) {
            return;
        }
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write() {
        try {
            Files.createDirectories(DIRECTORY);
            Files.write(DIRECTORY.resolve(ProcessHandle.current().pid() + ".tsv"), new TreeSet<>(RECORDED),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
