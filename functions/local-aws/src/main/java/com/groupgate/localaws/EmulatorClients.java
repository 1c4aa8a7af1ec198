package com.groupgate.localaws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients on the local endpoint, as the emulator's operator (bootstrap, tools, test set-up). */
public record EmulatorClients(DynamoDbClient dynamo, DynamoDbStreamsClient streams, S3Client s3, KmsClient kms,
                              SqsClient sqs, IamClient iam, SecretsManagerClient secrets) {

    /** The operator's clients on {@code aws}. */
    public static EmulatorClients of(LocalAws aws) {
        return of(aws.endpoint(), aws.operatorCredentials());
    }

    public static EmulatorClients of(URI endpoint, AwsCredentialsProvider credentials) {
        Region region = Region.of(LocalAws.REGION);
        return new EmulatorClients(
                DynamoDbClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(region)
                        .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                S3Client.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                        .forcePathStyle(true).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                KmsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                SqsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                // IAM is a global service, signed in us-east-1 whatever the stack's region.
                IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                SecretsManagerClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    public void close() {
        dynamo.close();
        streams.close();
        s3.close();
        kms.close();
        sqs.close();
        iam.close();
        secrets.close();
    }
}
