package com.groupgate.localrun;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A webhook endpoint on 127.0.0.1 for tests: records every request (headers lowercased,
 * the body, when it came) and answers each path with the replies it was given, in order,
 * then 200.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    record Received(String path, Map<String, List<String>> headers, String body, Instant at) {
        String header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        String eventId() {
            return header("webhook-id");
        }
    }

    /** How to answer one request: a status and headers, after holding it {@code holdMillis}. */
    record Reply(int status, Map<String, String> headers, long holdMillis) {
        static Reply status(int status) {
            return new Reply(status, Map.of(), 0);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Reply>> replies = new ConcurrentHashMap<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, List<String>> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
                String path = exchange.getRequestURI().getPath();
                received.add(new Received(path, headers, body, Instant.now()));
                Reply reply = replies.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
                if (reply == null) {
                    reply = Reply.status(200);
                }
                if (reply.holdMillis() > 0) {
                    try {
                        Thread.sleep(reply.holdMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                exchange.sendResponseHeaders(reply.status(), -1);
            }
        });
        server.start();
    }

    /** The URL of {@code path} on this receiver, as a tenant registers it locally. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers the next requests to {@code path} with {@code first}, in order. */
    void answer(String path, Reply... first) {
        Queue<Reply> q = replies.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>());
        q.addAll(List.of(first));
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
