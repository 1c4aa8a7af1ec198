package com.groupgate.local;

import com.groupgate.testkit.ActionRecorder;
import java.util.List;

/** The local stack as tests start it: every function's AWS calls recorded for the permissions check. */
final class RecordedStack {
    private RecordedStack() {
    }

    static LocalGroupGate.Builder builder() {
        return LocalGroupGate.builder().interceptors((function, resources) ->
                List.of(ActionRecorder.forFunction(function, resources)));
    }
}
