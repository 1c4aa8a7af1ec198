package com.groupgate.emulator;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients pointed at the local endpoint with dummy credentials. */
public record EmulatorClients(DynamoDbClient dynamo, DynamoDbStreamsClient streams, S3Client s3, KmsClient kms,
                              SqsClient sqs) {

    public static EmulatorClients of(URI endpoint) {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY));
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
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }
}
