package com.groupgate.localrun;

import com.groupgate.api.CodesApiHandler;
import com.groupgate.scan.ScanHandler;
import com.groupgate.testkit.ActionRecorder;
import com.groupgate.testkit.ContractCheckedHandler;
import java.util.List;

/**
 * The local stack as tests start it: every function's AWS calls recorded for the
 * permissions check, and every exchange of the HTTP functions held to openapi.yaml — what
 * java.net.http and the browser send through the HTTP bridge included.
 */
final class RecordedStack {
    private RecordedStack() {
    }

    static LocalGroupGate.Builder builder() {
        return LocalGroupGate.builder().interceptors((function, resources) ->
                        List.of(ActionRecorder.forFunction(function, resources)))
                .httpHandler(LocalGroupGate.CODES_API_FUNCTION, wiring -> ContractCheckedHandler.of(
                        new CodesApiHandler(wiring)))
                .httpHandler(LocalGroupGate.SCAN_FUNCTION, wiring -> ContractCheckedHandler.of(new ScanHandler(wiring)));
    }
}
