package com.groupgate.tracing;

import java.net.InetSocketAddress;

/**
 * Where the X-Ray daemon listens for segment documents over UDP, from
 * {@code AWS_XRAY_DAEMON_ADDRESS}: {@code host:port}, or {@code tcp:host:port udp:host:port}
 * (either order) when the two differ. Lambda sets it when active tracing is on.
 */
public final class DaemonAddress {
    public static final String VARIABLE = "AWS_XRAY_DAEMON_ADDRESS";

    private DaemonAddress() {
    }

    /** The UDP address; null when {@code value} is absent or not an address. */
    public static InetSocketAddress udp(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String chosen = null;
        for (String part : value.trim().split("\\s+")) {
            if (part.startsWith("udp:")) {
                chosen = part.substring(4);
            } else if (!part.startsWith("tcp:") && chosen == null) {
                chosen = part;
            }
        }
        if (chosen == null) {
            return null;
        }
        int colon = chosen.lastIndexOf(':');
        if (colon <= 0 || colon == chosen.length() - 1) {
            return null;
        }
        try {
            int port = Integer.parseInt(chosen.substring(colon + 1));
            if (port < 1 || port > 65535) {
                return null;
            }
            return InetSocketAddress.createUnresolved(chosen.substring(0, colon), port);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
