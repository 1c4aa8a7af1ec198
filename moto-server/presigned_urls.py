"""S3 presigned URLs are authenticated and authorized as the identity that signed them.

AWS: a presigned URL (what the AWS SDK's S3Presigner makes for GetObject) carries its
SigV4 signature in the query string: X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date,
X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Security-Token for temporary (e.g. assumed-role)
credentials, and X-Amz-Signature over a canonical request whose payload hash is
UNSIGNED-PAYLOAD. S3 checks it like a signed request and authorizes the request as the
signer; once X-Amz-Date + X-Amz-Expires has passed it answers 403 AccessDenied "Request
has expired"; signed with temporary credentials whose session has expired (whatever
X-Amz-Expires says), 400 ExpiredToken "The provided token has expired.". A request with
no signature at all is anonymous: 403 AccessDenied unless a
bucket policy or ACL lets everyone in.

moto 5.2.5 reads the signature from the Authorization header only: with IAM enforced, a
presigned URL or an unsigned request to S3 fails with HTTP 500 (KeyError: Authorization).

Patched: moto's S3 authentication reads a query-string signature when there is no
Authorization header, checks it and its expiry, and authorizes the request as moto does
for signed requests (resource arn:aws:s3:::<bucket>/<key>); expired session credentials are
refused as above (header or query signature alike); an anonymous request is refused
with AccessDenied. Bucket policies and ACLs granting anonymous access are not honoured.
"""
import datetime
from urllib.parse import parse_qs, urlsplit

from botocore.auth import S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from moto.iam import access_control
from moto.s3.exceptions import S3AccessDeniedError, S3ClientError


class _S3Request(access_control.S3IAMRequest):
    """moto's S3 request authentication, also for signatures carried in the query string."""

    def __init__(self, account_id, method, path, data, body, headers, action):
        query = {name: values[0] for name, values in parse_qs(urlsplit(path).query).items()}
        self._query = query if "Authorization" not in headers and "X-Amz-Credential" in query else None
        if self._query is not None:
            headers = dict(headers.items())
            headers["Authorization"] = (f"{query.get('X-Amz-Algorithm', '')} Credential={query['X-Amz-Credential']}, "
                                        f"SignedHeaders={query.get('X-Amz-SignedHeaders', '')}, "
                                        f"Signature={query.get('X-Amz-Signature', '')}")
            if "X-Amz-Security-Token" in query:
                headers["X-Amz-Security-Token"] = query["X-Amz-Security-Token"]
        elif "Authorization" not in headers:
            raise S3AccessDeniedError()
        super().__init__(account_id, method, path, data, body, headers, action)

    def check_signature(self):
        if self._query is None:
            return super().check_signature()
        try:
            signed_at = datetime.datetime.strptime(self._query["X-Amz-Date"], "%Y%m%dT%H%M%SZ")
            expires_in = datetime.timedelta(seconds=int(self._query["X-Amz-Expires"]))
        except (KeyError, ValueError):
            raise S3AccessDeniedError()
        if datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) > signed_at + expires_in:
            raise S3ClientError("AccessDenied", "Request has expired")
        url = urlsplit(self._path)
        unsigned_query = "&".join(part for part in url.query.split("&") if not part.startswith("X-Amz-Signature="))
        signed_headers = self._query.get("X-Amz-SignedHeaders", "").split(";")
        request = AWSRequest(method=self._method, url=f"{url.path}?{unsigned_query}",
                             headers=self._create_headers_for_aws_request(signed_headers, self._headers))
        request.context["timestamp"] = self._query["X-Amz-Date"]
        auth = S3SigV4QueryAuth(self._access_key.create_credentials(), self._service, self._region)
        string_to_sign = auth.string_to_sign(request, auth.canonical_request(request))
        if auth.signature(string_to_sign, request) != self._query.get("X-Amz-Signature"):
            self._raise_signature_does_not_match()


    def _raise_invalid_access_key(self, reason):
        if reason == "ExpiredToken":  # lambda_credentials.py: the signer's role session has expired
            raise S3ClientError("ExpiredToken", "The provided token has expired.")
        super()._raise_invalid_access_key(reason)


def install():
    # moto's S3 responses look this class up in access_control on every request.
    access_control.S3IAMRequest = _S3Request
