package com.groupgate.tracing;

import com.groupgate.telemetry.Log;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends segment documents to the X-Ray daemon, one UDP datagram each, as the X-Ray SDKs
 * do; the daemon batches them to X-Ray. The socket opens on the first send (never during
 * init or a SnapStart snapshot, which make no sampled calls) and reopens after a failure. A
 * failed send loses that one subsegment and never fails the call it describes.
 */
public final class DaemonSocket {
    private final InetSocketAddress address;
    private DatagramSocket socket;
    private InetSocketAddress resolved;

    public DaemonSocket(InetSocketAddress address) {
        this.address = address;
    }

    public InetSocketAddress address() {
        return address;
    }

    public synchronized void send(String datagram) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        try {
            if (socket == null) {
                resolved = new InetSocketAddress(address.getHostString(), address.getPort());
                socket = new DatagramSocket();
            }
            socket.send(new DatagramPacket(bytes, bytes.length, resolved));
        } catch (IOException | RuntimeException e) {
            if (socket != null) {
                socket.close();
            }
            socket = null;
            Log.error("trace_not_sent", Map.of("reason", e.getClass().getSimpleName()));
        }
    }
}
