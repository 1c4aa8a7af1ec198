package com.groupgate.aws;

/**
 * Told of each AWS call an adapter signs and sends itself, without an SDK client (to keep
 * a client out of a function's jar), as an {@code ExecutionInterceptor} is told of a
 * client's calls. An interceptor in {@link AwsClients#interceptors()} that also implements
 * this hears both; Lambda has none. The tests record every call a function makes this way.
 */
public interface DirectCallListener {
    /**
     * @param service   the IAM service prefix, as {@code secretsmanager}
     * @param operation the API operation, as {@code GetSecretValue}
     * @param resource  the resource the call names (an ARN, as given)
     */
    void directCall(String service, String operation, String resource);

    /** Tells every listener among {@code aws}'s interceptors. */
    static void tell(AwsClients aws, String service, String operation, String resource) {
        for (Object i : aws.interceptors()) {
            if (i instanceof DirectCallListener l) {
                l.directCall(service, operation, resource);
            }
        }
    }
}
