"""Presigned S3 URLs are checked and authorized as their signer, with IAM enforced."""
import time
import uuid

import pytest
import requests


@pytest.fixture
def bucket(aws):
    name = f"b-{uuid.uuid4().hex[:12]}"
    aws.client("s3").create_bucket(Bucket=name)
    aws.client("s3").put_object(Bucket=name, Key="codes/qr.png", Body=b"png")
    return name


def _presign(aws, credentials, bucket, expires=300):
    return aws.client("s3", credentials, signature_version="s3v4").generate_presigned_url(
        "get_object", Params={"Bucket": bucket, "Key": "codes/qr.png"}, ExpiresIn=expires)


def test_presigned_get_under_a_role(aws, bucket):
    reader = aws.role([{"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/codes/*"}])
    url = _presign(aws, aws.role_credentials(reader), bucket)
    assert "X-Amz-Security-Token=" in url
    answer = requests.get(url, timeout=10)
    assert (answer.status_code, answer.content) == (200, b"png")
    assert requests.get(_presign(aws, None, bucket), timeout=10).content == b"png"  # the operator's


def test_presigned_get_is_refused_without_permission_bad_signature_or_after_expiry(aws, bucket):
    stranger = aws.role([{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::elsewhere/*"}])
    answer = requests.get(_presign(aws, aws.role_credentials(stranger), bucket), timeout=10)
    assert answer.status_code == 403 and "<Code>AccessDenied</Code>" in answer.text

    url = _presign(aws, None, bucket)
    tampered = url.replace("X-Amz-Signature=", "X-Amz-Signature=0")
    answer = requests.get(tampered, timeout=10)
    assert answer.status_code == 403 and "<Code>SignatureDoesNotMatch</Code>" in answer.text

    url = _presign(aws, None, bucket, expires=1)
    time.sleep(1.5)
    answer = requests.get(url, timeout=10)
    assert answer.status_code == 403 and "Request has expired" in answer.text

    # Anonymous: moto refuses before authentication, with an empty body (AWS: AccessDenied XML).
    assert requests.get(f"{aws.endpoint}/{bucket}/codes/qr.png", timeout=10).status_code == 403
    answer = requests.get(f"{aws.endpoint}/{bucket}?list-type=2", timeout=10)
    assert answer.status_code == 403 and "<Code>AccessDenied</Code>" in answer.text
