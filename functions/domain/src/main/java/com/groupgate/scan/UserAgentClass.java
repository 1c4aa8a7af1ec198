package com.groupgate.scan;

import java.util.Objects;

/** What a User-Agent says about the scanner: device kind, operating system, in-app browser. */
public record UserAgentClass(DeviceClass device, Os os, InApp app) {
    public UserAgentClass {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(app, "app");
    }
}
