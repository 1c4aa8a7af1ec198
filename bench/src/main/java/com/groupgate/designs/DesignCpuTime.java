package com.groupgate.designs;

/**
 * {@link DesignRenderBench}'s workloads measured in this thread's CPU time rather than wall
 * time, so that other work on a shared machine moves them less (it still inflates them
 * through shared caches): each is warmed up, then run nine times; the median and the fastest
 * are printed, in milliseconds, with the file's size. Run with
 * {@code java -cp bench/target/groupgate-bench.jar com.groupgate.designs.DesignCpuTime}.
 */
public final class DesignCpuTime {
    private DesignCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("%-8s %-8s %-5s %28s %28s%n", "medium", "format", "logo", "design: median / fastest ms",
                "zxing PNG: median / fastest ms");
        for (String medium : new String[] {"screen", "flyer", "poster", "billboard", "sticker"}) {
            for (String format : new String[] {"png", "svg", "pdf"}) {
                for (boolean logo : new boolean[] {false, true}) {
                    DesignRenderBench b = new DesignRenderBench();
                    b.format = format;
                    b.medium = medium;
                    b.logo = logo;
                    b.setUp();
                    int[] bytes = new int[2];
                    double[] ours = ThreadCpuTime.measure(() -> bytes[0] = b.design().length);
                    double[] zxing = ThreadCpuTime.measure(() -> bytes[1] = b.zxingMatrixToImageWriter().length);
                    System.out.printf("%-8s %-8s %-5s %14.1f / %6.1f (%,7d B) %14.1f / %6.1f (%,7d B)%n", medium,
                            format, logo, ours[0], ours[1], bytes[0], zxing[0], zxing[1], bytes[1]);
                }
            }
        }
    }
}
