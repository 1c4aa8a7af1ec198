package com.groupgate.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every alarm in template.yaml notifies the alarm topic and points the operator at its own
 * section of docs/operations.md, which exists: what it means and the first steps.
 */
class OperationsRunbookTest {
    @Test
    void everyAlarmNotifiesTheTopicAndHasItsSectionInTheOperationsPage() throws IOException {
        CloudFormationTemplate template = CloudFormationTemplate.ofRepository();
        String page = Files.readString(RepositoryRoot.find().resolve("docs/operations.md"), StandardCharsets.UTF_8);
        Map<String, Map<String, Object>> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
        assertFalse(alarms.isEmpty());
        List<String> problems = new ArrayList<>();
        alarms.forEach((id, resource) -> {
            Map<String, Object> props = template.properties(id);
            if (!String.valueOf(props.get("AlarmDescription")).contains("docs/operations.md#" + id.toLowerCase(Locale.ROOT))) {
                problems.add(id + ": its description does not link docs/operations.md#" + id.toLowerCase(Locale.ROOT));
            }
            if (!page.contains("\n### " + id + "\n")) {
                problems.add(id + ": no '### " + id + "' section in docs/operations.md");
            }
            if (!String.valueOf(props.get("AlarmActions")).contains("AlarmTopic")) {
                problems.add(id + ": does not notify AlarmTopic");
            }
        });
        assertEquals(List.of(), problems);
    }
}
