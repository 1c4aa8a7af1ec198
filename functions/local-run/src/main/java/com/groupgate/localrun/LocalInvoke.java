package com.groupgate.localrun;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.groupgate.config.Wiring;
import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.localaws.RepositoryRoot;
import com.groupgate.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code make invoke FUNCTION=ScanFunction EVENT=events/scan-json.json}: one function of
 * template.yaml invoked once with an event file, in this JVM, as Lambda would invoke it — its
 * handler class from the template's {@code Handler}, the event read by Lambda's own event
 * serializers, its environment (and so its role's credentials) from the running {@code make run}
 * ({@code .run/lambda-env.json}), its timeout and 6 MB response limit ({@link LocalFunction}).
 * No Docker. The response is printed on stdout as Lambda returns it; the handler's log lines
 * go to stderr so that the response can be piped.
 */
public final class LocalInvoke {
    private static final String EVENTS_PACKAGE = "com.amazonaws.services.lambda.runtime.events.";

    private LocalInvoke() {
    }

    public static void main(String[] args) {
        PrintStream stdout = System.out;
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: make invoke FUNCTION=<LogicalId> EVENT=<events/file.json>"
                    + "   (with make run up: it writes .run/" + LambdaEnvironmentFiles.LAMBDA_ENV + ")");
            System.exit(2);
            return;
        }
        Path root = RepositoryRoot.find();
        Path environment = args.length == 3 ? Path.of(args[2]) : root.resolve(".run").resolve(LambdaEnvironmentFiles.LAMBDA_ENV);
        if (!Files.isRegularFile(environment)) {
            System.err.println("make invoke: " + environment + " is missing: start `make run` first (it writes it)");
            System.exit(1);
            return;
        }
        // The handler's structured log lines are Lambda's log stream, not its response.
        System.setOut(System.err);
        try {
            String response = invoke(CloudFormationTemplate.ofRepository(), args[0],
                    LambdaEnvironmentFiles.read(environment, args[0]), Path.of(args[1]));
            stdout.println(response);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("make invoke: " + e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            // What Lambda reports as the invocation's error: its type and message.
            System.err.println("make invoke: " + args[0] + " failed: " + e);
            System.exit(1);
        } finally {
            System.setOut(stdout);
        }
        System.exit(0);
    }

    /**
     * Invokes {@code functionLogicalId} once with the event in {@code eventFile}, its wiring built
     * from {@code environment}, and returns the response's JSON as Lambda's runtime writes it.
     */
    public static String invoke(CloudFormationTemplate template, String functionLogicalId,
                                Map<String, String> environment, Path eventFile) throws IOException {
        Map<String, Map<String, Object>> functions = template.resourcesOfType("AWS::Serverless::Function");
        if (!functions.containsKey(functionLogicalId)) {
            throw new IllegalArgumentException("FUNCTION: template.yaml has no function " + functionLogicalId
                    + "; it has " + functions.keySet());
        }
        if (!Files.isRegularFile(eventFile)) {
            throw new IllegalArgumentException("EVENT: no file " + eventFile);
        }
        String handlerName = String.valueOf(template.properties(functionLogicalId).get("Handler"));
        ClassLoader loader = LocalInvoke.class.getClassLoader();
        Object handler = handler(handlerName, loader, Wiring.fromEnvironment(environment, Clock.systemUTC()));
        Method handle = handleRequest(handler.getClass());
        Object event;
        try (InputStream in = Files.newInputStream(eventFile)) {
            event = read(handle.getParameterTypes()[0], in, loader);
        }
        RequestHandler<Object, Object> call = (e, context) -> {
            try {
                return handle.invoke(handler, e, context);
            } catch (InvocationTargetException x) {
                if (x.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (x.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(x.getCause());
            } catch (IllegalAccessException x) {
                throw new IllegalStateException(x);
            }
        };
        Object response = LocalFunction.of(template, functionLogicalId, call).invoke(event);
        return write(response, loader);
    }

    private static Object handler(String handlerName, ClassLoader loader, Wiring wiring) {
        String className = handlerName.replaceFirst("::.*$", "");
        try {
            Class<?> type = Class.forName(className, true, loader);
            // Every GroupGate handler takes its Wiring (Lambda's no-argument constructor reads the process environment).
            return type.getConstructor(Wiring.class).newInstance(wiring);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("Handler " + handlerName + ": no class " + className + " here", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("Handler " + handlerName + ": no constructor taking a Wiring", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Handler " + handlerName + " could not start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Handler " + handlerName + " could not be made", e);
        }
    }

    private static Method handleRequest(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + " has no handleRequest(event, context)"));
    }

    /** The event as Lambda's Java runtime reads it: its event serializers for event types, else plain JSON. */
    private static Object read(Class<?> type, InputStream in, ClassLoader loader) throws IOException {
        if (type.getName().startsWith(EVENTS_PACKAGE)) {
            return LambdaEventSerializers.serializerFor(type, loader).fromJson(in);
        }
        return Json.MAPPER.readValue(in, type);
    }

    @SuppressWarnings("unchecked")
    private static String write(Object response, ClassLoader loader) throws IOException {
        if (response != null && response.getClass().getName().startsWith(EVENTS_PACKAGE)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LambdaEventSerializers.serializerFor((Class<Object>) response.getClass(), loader).toJson(response, out);
            return out.toString(StandardCharsets.UTF_8);
        }
        return Json.MAPPER.writeValueAsString(response);
    }
}
