package com.groupgate.testkit;

import com.groupgate.aws.DirectCallListener;
import com.groupgate.emulator.LocalResources;
import com.groupgate.emulator.StableArns;
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
    private static final ExitRecords RECORDED = new ExitRecords("aws-actions");

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
    public static ActionRecorder forFunction(String functionLogicalId, LocalResources resources) {
        RECORDED.start();
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
}
