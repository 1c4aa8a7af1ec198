package com.groupgate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/**
 * The hot-path benchmarks (token verify, the scan's CPU path, the aggregate's batch plan) timed
 * in this thread's CPU time instead of wall time, so that a comparison of two builds on a shared
 * machine is moved less by the other work on it. Each named {@code Class.method} of this package
 * is set up as JMH would ({@code @Setup} methods), warmed up, then run in seven rounds; the
 * median and fastest rounds are printed in ns of CPU per operation
 * ({@code @OperationsPerInvocation} honoured).
 *
 * <p>Because it only calls the benchmark methods by name, the same class runs against an older
 * build's benchmark jar too: {@code java -cp groupgate-bench.jar:OLD.jar
 * com.groupgate.bench.HotPathCpuTime} with this class first on the class path and the old
 * jar's classes behind it.
 */
public final class HotPathCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String[] DEFAULT = {
        "TokenVerifyBench.groupgateVerify", "TokenVerifyBench.groupgateVerifyShort",
        "TokenVerifyBench.rawHmacSha256Floor", "ScanPathBench.scanCpuPath",
        "ScanPathBench.scanCpuPathShort", "AggregateBench.decodeAndPlanABatch",
    };
    private static final int ROUNDS = 7;
    private static final long ROUND_NANOS = 1_000_000_000L;

    private HotPathCpuTime() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        for (String name : args.length == 0 ? DEFAULT : args) {
            int dot = name.indexOf('.');
            Class<?> type = Class.forName(HotPathCpuTime.class.getPackageName() + "." + name.substring(0, dot));
            Object state = type.getConstructor().newInstance();
            for (Method m : type.getMethods()) {
                if (m.isAnnotationPresent(Setup.class) && m.getParameterCount() == 0) {
                    m.invoke(state);
                }
            }
            Method bench = type.getMethod(name.substring(dot + 1));
            OperationsPerInvocation per = bench.getAnnotation(OperationsPerInvocation.class);
            int ops = per == null ? 1 : per.value();
            long calls = callsPerRound(bench, state);
            for (int warm = 0; warm < 5; warm++) {
                round(bench, state, calls);
            }
            double[] nsPerOp = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                nsPerOp[r] = (double) round(bench, state, calls) / calls / ops;
            }
            Arrays.sort(nsPerOp);
            System.out.printf("%-45s median %,10.1f ns CPU/op   fastest %,10.1f   (%,d calls a round)%n",
                    name, nsPerOp[ROUNDS / 2], nsPerOp[0], calls);
        }
    }

    /** About a second of CPU per round, sized from a first timed run. */
    private static long callsPerRound(Method bench, Object state) throws ReflectiveOperationException {
        long calls = 1;
        while (true) {
            long spent = round(bench, state, calls);
            if (spent > ROUND_NANOS / 10) {
                return Math.max(1, calls * ROUND_NANOS / spent);
            }
            calls *= 4;
        }
    }

    private static long round(Method bench, Object state, long calls) throws ReflectiveOperationException {
        List<Object> sink = new ArrayList<>(1);
        long start = THREADS.getCurrentThreadCpuTime();
        for (long i = 0; i < calls; i++) {
            Object out = bench.invoke(state);
            if (out == sink) {
                sink.add(out);
            }
        }
        return THREADS.getCurrentThreadCpuTime() - start;
    }
}
