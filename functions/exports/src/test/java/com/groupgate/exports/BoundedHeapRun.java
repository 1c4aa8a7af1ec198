package com.groupgate.exports;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.groupgate.id.ExportId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.export.ExportMessage;
import com.groupgate.telemetry.Log;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One export run in a JVM of its own, started by {@link ExportsIT} with a small {@code -Xmx}
 * and the worker's Lambda environment: the worker built as Lambda builds it, one message
 * handled. Logs {@code exports.bounded_run} with the heap in use, sampled every 2 ms during
 * the run, and the JVM's own peak per heap pool (summed: an upper bound).
 */
public final class BoundedHeapRun {
    private BoundedHeapRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        TenantId tenant = TenantId.parse(args[0]).orElseThrow();
        ExportId export = ExportId.parse(args[1]).orElseThrow();
        ExportWorkerFunction worker = new ExportWorkerFunction();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        AtomicLong sampledPeak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sampledPeak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                        Math::max);
                LockSupport.parkNanos(2_000_000);
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("bounded-run");
        m.setBody(ExportMessage.of(tenant, export).toJson());
        m.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));
        SQSBatchResponse response = worker.handleRequest(event, null);
        sampler.interrupt();
        sampler.join();
        long poolPeaks = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("failed", response.getBatchItemFailures().size());
        fields.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        fields.put("heapBeforeBytes", before);
        fields.put("sampledPeakHeapBytes", sampledPeak.get());
        fields.put("poolPeakHeapBytes", poolPeaks);
        Log.info("exports.bounded_run", fields);
    }
}
