package com.groupgate.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The operations layer, as CloudFormation receives template.yaml from the SAM translator:
 * SnapStart only where a request waits, every schedule with retries and a dead-letter queue,
 * every function traced and alarmed on errors and throttles, the stream consumers on their
 * iterator age, every queue something fails into alarmed, the request-path functions behind
 * a canary that rolls back on their alarms, tables protected and alarmed on throttling, the
 * images bucket versioned with an expiry for old versions, every queue trigger bounded.
 */
class OperationsTemplateTest {
    private static final CloudFormationTemplate DEPLOYED = CloudFormationTemplate.ofRepository().deployed();
    /** The functions a tenant or a scanner waits on. */
    private static final Set<String> REQUEST_PATH = Set.of("ScanFunction", "CodesApiFunction");
    private static final Set<String> CANARIED = Set.of("ScanFunction", "CodesApiFunction", "AuditFunction");

    @Test
    void snapStartOnlyOnTheScanAndCodesApiFunctions() {
        Set<String> withSnapStart = new TreeSet<>();
        DEPLOYED.resourcesOfType("AWS::Lambda::Function").forEach((id, r) -> {
            if (props(r).get("SnapStart") instanceof Map<?, ?> s && "PublishedVersions".equals(s.get("ApplyOn"))) {
                withSnapStart.add(id);
            }
        });
        assertEquals(new TreeSet<>(REQUEST_PATH), withSnapStart);
    }

    @Test
    void everyScheduleRetriesAndHasADeadLetterQueueThatIsAlarmed() {
        List<String> problems = new ArrayList<>();
        Set<String> alarmedQueues = alarmedQueues();
        DEPLOYED.resourcesOfType("AWS::Scheduler::Schedule").forEach((id, r) -> {
            Map<?, ?> target = (Map<?, ?>) props(r).get("Target");
            if (!(target.get("RetryPolicy") instanceof Map<?, ?>)) {
                problems.add(id + " has no RetryPolicy");
            }
            String queue = getAttTarget(target.get("DeadLetterConfig") instanceof Map<?, ?> d ? d.get("Arn") : null);
            if (queue == null || !alarmedQueues.contains(queue)) {
                problems.add(id + "'s dead-letter queue " + queue + " is missing or not alarmed");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyFunctionIsTracedAndAlarmedOnErrorsAndThrottles() {
        Map<String, Set<String>> alarmed = functionAlarms();
        List<String> problems = new ArrayList<>();
        DEPLOYED.resourcesOfType("AWS::Lambda::Function").forEach((id, r) -> {
            if (!(props(r).get("TracingConfig") instanceof Map<?, ?> tracing)
                    || !String.valueOf(tracing.get("Mode")).contains("Active")) {
                problems.add(id + " is not traced");
            }
            Set<String> metrics = alarmed.getOrDefault(id, Set.of());
            if (!metrics.containsAll(Set.of("Errors", "Throttles"))) {
                problems.add(id + " is alarmed on " + metrics + ", not Errors and Throttles");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void streamConsumersAreAlarmedOnIteratorAgeAndWhatTheyFailIntoIsAlarmed() {
        Map<String, Set<String>> alarmed = functionAlarms();
        Set<String> alarmedQueues = alarmedQueues();
        List<String> problems = new ArrayList<>();
        DEPLOYED.resourcesOfType("AWS::Lambda::EventSourceMapping").forEach((id, r) -> {
            Map<String, Object> p = props(r);
            String function = function(p.get("FunctionName"));
            if (p.get("StartingPosition") != null) {
                if (!alarmed.getOrDefault(function, Set.of()).contains("IteratorAge")) {
                    problems.add(function + " reads a stream without an IteratorAge alarm");
                }
                String onFailure = getAttTarget(p.get("DestinationConfig") instanceof Map<?, ?> d
                        && d.get("OnFailure") instanceof Map<?, ?> f ? f.get("Destination") : null);
                if (onFailure == null || !alarmedQueues.contains(onFailure)) {
                    problems.add(id + "'s on-failure queue " + onFailure + " is missing or not alarmed");
                }
            } else if (!(p.get("ScalingConfig") instanceof Map<?, ?> s && s.get("MaximumConcurrency") != null)) {
                problems.add(id + " (a queue trigger) has no maximum concurrency");
            }
        });
        // Every dead-letter queue a queue redrives into is alarmed.
        DEPLOYED.resourcesOfType("AWS::SQS::Queue").forEach((id, r) -> {
            if (props(r).get("RedrivePolicy") instanceof Map<?, ?> redrive) {
                String dlq = getAttTarget(redrive.get("deadLetterTargetArn"));
                if (!alarmedQueues.contains(dlq)) {
                    problems.add(id + "'s dead-letter queue " + dlq + " is not alarmed");
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void theRequestPathDeploysThroughACanaryThatRollsBackOnItsAlarms() {
        Set<String> canaried = new TreeSet<>();
        DEPLOYED.resourcesOfType("AWS::CodeDeploy::DeploymentGroup").forEach((id, r) -> {
            Map<String, Object> p = props(r);
            Map<?, ?> alarms = (Map<?, ?>) p.get("AlarmConfiguration");
            Map<?, ?> rollback = (Map<?, ?>) p.get("AutoRollbackConfiguration");
            if (Boolean.TRUE.equals(alarms.get("Enabled")) && !((List<?>) alarms.get("Alarms")).isEmpty()
                    && Boolean.TRUE.equals(rollback.get("Enabled"))
                    && String.valueOf(rollback.get("Events")).contains("DEPLOYMENT_STOP_ON_ALARM")
                    && String.valueOf(p.get("DeploymentConfigName")).contains("Canary")) {
                canaried.add(id.replace("DeploymentGroup", ""));
            }
        });
        assertEquals(new TreeSet<>(CANARIED), canaried);
    }

    @Test
    void tablesAreProtectedAndAlarmedAndTheImagesBucketKeepsOldVersionsForAWhile() {
        Set<String> alarmedTables = new HashSet<>();
        DEPLOYED.resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, r) -> {
            String text = String.valueOf(props(r).get("Metrics"));
            if (text.contains("ReadThrottleEvents") && text.contains("WriteThrottleEvents")) {
                DEPLOYED.resourcesOfType("AWS::DynamoDB::Table").keySet().stream()
                        .filter(t -> text.contains("Ref=" + t + "}")).forEach(alarmedTables::add);
            }
        });
        List<String> problems = new ArrayList<>();
        DEPLOYED.resourcesOfType("AWS::DynamoDB::Table").forEach((id, r) -> {
            if (!Boolean.TRUE.equals(props(r).get("DeletionProtectionEnabled"))) {
                problems.add(id + " has no deletion protection");
            }
            if (!alarmedTables.contains(id)) {
                problems.add(id + " has no throttling alarm");
            }
        });
        Map<String, Object> bucket = props(DEPLOYED.resources().get("ImagesBucket"));
        if (!"Enabled".equals(((Map<?, ?>) bucket.get("VersioningConfiguration")).get("Status"))) {
            problems.add("ImagesBucket is not versioned");
        }
        if (!String.valueOf(bucket.get("LifecycleConfiguration")).contains("NoncurrentVersionExpiration")) {
            problems.add("ImagesBucket keeps old versions for ever");
        }
        assertEquals(List.of(), problems);
        assertEquals(1, DEPLOYED.resourcesOfType("AWS::CloudWatch::Dashboard").size(), "one dashboard per stack");
    }

    /** function logical id → the Lambda metrics alarms watch on it. */
    private static Map<String, Set<String>> functionAlarms() {
        Map<String, Set<String>> out = new java.util.HashMap<>();
        DEPLOYED.resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, r) -> {
            Map<String, Object> p = props(r);
            if ("AWS/Lambda".equals(p.get("Namespace")) && p.get("Dimensions") instanceof List<?> dims) {
                for (Object d : dims) {
                    if (d instanceof Map<?, ?> dim && "FunctionName".equals(dim.get("Name"))
                            && dim.get("Value") instanceof Map<?, ?> v && v.get("Ref") != null) {
                        out.computeIfAbsent(String.valueOf(v.get("Ref")), k -> new HashSet<>())
                                .add(String.valueOf(p.get("MetricName")));
                    }
                }
            }
        });
        return out;
    }

    /** Queues some alarm watches (by QueueName). */
    private static Set<String> alarmedQueues() {
        Set<String> out = new HashSet<>();
        DEPLOYED.resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, r) -> {
            Map<String, Object> p = props(r);
            if ("AWS/SQS".equals(p.get("Namespace")) && p.get("Dimensions") instanceof List<?> dims) {
                for (Object d : dims) {
                    if (d instanceof Map<?, ?> dim && "QueueName".equals(dim.get("Name"))) {
                        String queue = getAttTarget(dim.get("Value"));
                        if (queue != null) {
                            out.add(queue);
                        }
                    }
                }
            }
        });
        return out;
    }

    /** The function an event source mapping invokes: a function, or the function behind an alias. */
    private static String function(Object ref) {
        String id = ref instanceof Map<?, ?> m ? String.valueOf(m.get("Ref")) : String.valueOf(ref);
        Map<String, Object> resource = DEPLOYED.resources().get(id);
        if (resource != null && "AWS::Lambda::Alias".equals(resource.get("Type"))) {
            return function(props(resource).get("FunctionName"));
        }
        return id;
    }

    private static String getAttTarget(Object value) {
        return value instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> att ? String.valueOf(att.get(0)) : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }
}
