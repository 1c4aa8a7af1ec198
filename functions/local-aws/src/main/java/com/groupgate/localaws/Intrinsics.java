package com.groupgate.localaws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFormation's intrinsic functions, evaluated the way a deployment evaluates them:
 * {@code Ref} (resources, parameters, pseudo parameters), {@code Fn::GetAtt},
 * {@code Fn::Sub} (both forms), {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split},
 * {@code Fn::If} with the template's {@code Conditions} ({@code Fn::Equals}, {@code Fn::Not},
 * {@code Fn::And}, {@code Fn::Or}, {@code Condition}) and {@code AWS::NoValue}. A value that
 * cannot be resolved (an attribute the emulator did not create) is an error naming it.
 */
public final class Intrinsics {
    /** What {@code Ref: AWS::NoValue} resolves to: the property is left out. */
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Function<String, String> refs;
    private final Function<String, String> attributes;
    private final Map<String, Object> conditions;
    private final Map<String, Boolean> evaluated = new HashMap<>();

    /**
     * @param refs       logical id, parameter or pseudo parameter → its value (null when unknown)
     * @param attributes {@code LogicalId.Attribute} → its value (null when unknown)
     * @param conditions the template's {@code Conditions} section
     */
    public Intrinsics(Function<String, String> refs, Function<String, String> attributes,
                      Map<String, Object> conditions) {
        this.refs = refs;
        this.attributes = attributes;
        this.conditions = conditions == null ? Map.of() : conditions;
    }

    /** {@code value} with every intrinsic function replaced by its result. */
    public Object resolve(Object value) {
        Object out = eval(value);
        return out == NO_VALUE ? null : out;
    }

    public String resolveString(Object value) {
        Object out = resolve(value);
        if (!(out instanceof String s)) {
            throw new IllegalArgumentException("not a string: " + value + " → " + out);
        }
        return s;
    }

    /** Whether the template's condition {@code name} holds. */
    public boolean condition(String name) {
        Boolean known = evaluated.get(name);
        if (known == null) {
            Object definition = conditions.get(name);
            if (definition == null) {
                throw new IllegalArgumentException("no condition " + name + " in the template");
            }
            known = truth(definition);
            evaluated.put(name, known);
        }
        return known;
    }

    private Object eval(Object value) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object v = eval(item);
                if (v != NO_VALUE) {
                    out.add(v);
                }
            }
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            Object arg = map.values().iterator().next();
            switch (key) {
                case "Ref":
                    return ref(String.valueOf(arg));
                case "Fn::GetAtt":
                    return getAtt(arg);
                case "Fn::Sub":
                    return sub(arg);
                case "Fn::Join":
                    return join(arg);
                case "Fn::Select":
                    return select(arg);
                case "Fn::Split":
                    return split(arg);
                case "Fn::If":
                    return ifThen(arg);
                default:
                    break;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            Object resolved = eval(v);
            if (resolved != NO_VALUE) {
                out.put(String.valueOf(k), resolved);
            }
        });
        return out;
    }

    private Object ref(String name) {
        if ("AWS::NoValue".equals(name)) {
            return NO_VALUE;
        }
        String v = refs.apply(name);
        if (v == null) {
            throw new IllegalArgumentException("cannot resolve Ref " + name);
        }
        return v;
    }

    private String getAtt(Object arg) {
        List<?> parts = arg instanceof List<?> l ? l : List.of(String.valueOf(arg).split("\\.", 2));
        String key = parts.get(0) + "." + eval(parts.get(1));
        String v = attributes.apply(key);
        if (v == null) {
            throw new IllegalArgumentException("cannot resolve Fn::GetAtt " + key);
        }
        return v;
    }

    private String sub(Object arg) {
        String text;
        Map<String, Object> variables = new HashMap<>();
        if (arg instanceof List<?> l) {
            text = String.valueOf(l.get(0));
            if (l.size() > 1 && l.get(1) instanceof Map<?, ?> vars) {
                vars.forEach((k, v) -> variables.put(String.valueOf(k), eval(v)));
            }
        } else {
            text = String.valueOf(arg);
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).trim();
            Object v;
            if (variables.containsKey(name)) {
                v = variables.get(name);
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                v = getAtt(name);
            } else {
                v = ref(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(v)));
        }
        m.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    private String join(Object arg) {
        List<?> l = (List<?>) arg;
        List<?> items = (List<?>) eval(l.get(1));
        return String.join(String.valueOf(l.get(0)), items.stream().map(String::valueOf).toList());
    }

    private Object select(Object arg) {
        List<?> l = (List<?>) arg;
        int index = Integer.parseInt(String.valueOf(eval(l.get(0))));
        return ((List<?>) eval(l.get(1))).get(index);
    }

    private List<String> split(Object arg) {
        List<?> l = (List<?>) arg;
        return List.of(String.valueOf(eval(l.get(1))).split(Pattern.quote(String.valueOf(l.get(0))), -1));
    }

    private Object ifThen(Object arg) {
        List<?> l = (List<?>) arg;
        return eval(condition(String.valueOf(l.get(0))) ? l.get(1) : l.get(2));
    }

    private boolean truth(Object expression) {
        if (expression instanceof Map<?, ?> map && map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            Object arg = map.values().iterator().next();
            switch (key) {
                case "Fn::Equals": {
                    List<?> l = (List<?>) arg;
                    return String.valueOf(eval(l.get(0))).equals(String.valueOf(eval(l.get(1))));
                }
                case "Fn::Not":
                    return !truth(((List<?>) arg).get(0));
                case "Fn::And":
                    return ((List<?>) arg).stream().allMatch(this::truth);
                case "Fn::Or":
                    return ((List<?>) arg).stream().anyMatch(this::truth);
                case "Condition":
                    return condition(String.valueOf(arg));
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("not a condition: " + expression);
    }
}
