package com.groupgate.designs;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * A workload's cost in this thread's CPU time, the measure {@link DesignCpuTime} and
 * {@link PosterCpuTime} print: {@value #WARMUPS} warm-up runs, then {@value #RUNS} measured.
 */
final class ThreadCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final int WARMUPS = 15;
    static final int RUNS = 9;

    private ThreadCpuTime() {
    }

    /** Median and fastest of {@link #RUNS} runs after {@link #WARMUPS}, in CPU milliseconds. */
    static double[] measure(Callable<?> work) throws Exception {
        for (int i = 0; i < WARMUPS; i++) {
            work.call();
        }
        double[] runs = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            work.call();
            runs[i] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
        }
        Arrays.sort(runs);
        return new double[] {runs[RUNS / 2], runs[0]};
    }
}
