package com.groupgate.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.localaws.RepositoryRoot;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What Lambda runs is the shaded jar, not the modules' classes the other tests run on; a shade
 * filter that drops a class or a data file only shows there. So each function's handler is
 * loaded and linked from its deployable jar alone (no parent but the JDK's), and the content
 * filter — whose ICU4J data the codes API's shade configuration cuts down — folds the look-alikes
 * it must refuse, from that jar.
 *
 * <p>This module runs last in the reactor, after every function module has packaged its jar.
 */
class DeployableJarsIT {
    private static final Path ROOT = RepositoryRoot.find();

    @Test
    void everyFunctionsHandlerLoadsAndLinksFromItsDeployableJarAlone() throws Exception {
        List<Path> jars = lambdaJars();
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> functions = CloudFormationTemplate.ofRepository()
                .resourcesOfType("AWS::Serverless::Function");
        for (var function : functions.entrySet()) {
            @SuppressWarnings("unchecked")
            var properties = (Map<String, Object>) function.getValue().get("Properties");
            String handlerClass = String.valueOf(properties.get("Handler")).split("::")[0];
            Path jar = jarHolding(jars, handlerClass);
            if (jar == null) {
                problems.add(function.getKey() + ": no deployable jar holds " + handlerClass);
                continue;
            }
            try (URLClassLoader loader = isolated(jar)) {
                Class<?> handler = Class.forName(handlerClass, false, loader);
                handler.getDeclaredMethods(); // links every type its methods name
            } catch (ReflectiveOperationException | LinkageError e) {
                problems.add(function.getKey() + ": " + handlerClass + " does not load from " + jar.getFileName() + ": " + e);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theCodesApiJarFoldsLookAlikesWithTheUnicodeDataItShips() throws Exception {
        Path jar = jarHolding(lambdaJars(), "com.groupgate.api.CodesApiHandler");
        assertTrue(jar != null, "the codes API's deployable jar is missing: mvn package");
        try (URLClassLoader loader = isolated(jar)) {
            Class<?> folding = Class.forName("com.groupgate.content.TextFolding", true, loader);
            Method fold = folding.getMethod("fold", CharSequence.class);
            Object plain = fold.invoke(null, "casino");
            for (String lookAlike : List.of("саsinо", "casinο", "ᴄᴀsɪɴᴏ", "cásino", "ca\u3164sino")) {
                assertEquals(plain, fold.invoke(null, lookAlike), lookAlike);
            }
            Method bidi = folding.getMethod("hasBidiControl", CharSequence.class);
            assertEquals(true, bidi.invoke(null, "\u202Eonisac"));
        }
    }

    private static URLClassLoader isolated(Path jar) throws IOException {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    private static List<Path> lambdaJars() throws IOException {
        try (Stream<Path> modules = Files.list(ROOT.resolve("functions"))) {
            List<Path> jars = modules.map(m -> m.resolve("target"))
                    .filter(Files::isDirectory)
                    .flatMap(DeployableJarsIT::jarsIn)
                    .toList();
            assertTrue(!jars.isEmpty(), "no functions/*/target/*-lambda.jar: run mvn package (or verify) first");
            return jars;
        }
    }

    private static Stream<Path> jarsIn(Path target) {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-lambda.jar")).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(target.toString(), e);
        }
    }

    private static Path jarHolding(List<Path> jars, String className) throws IOException {
        String entry = className.replace('.', '/') + ".class";
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                if (zip.getEntry(entry) != null) {
                    return jar;
                }
            }
        }
        return null;
    }
}
