"""GroupGate's local AWS: moto's server, one request at a time, made to behave as AWS does
where GroupGate depends on it.

moto's stock server handles each request on its own thread, and its DynamoDB backend does
not hold a lock across a conditional write's check and its update. AWS makes those
atomic; GroupGate's exact daily caps and capacities depend on it. Connections are still
accepted on threads (so a burst of clients does not overflow the listen queue), but every
request to moto runs inside one process-wide lock.

A request goes through, in order: GroupGateApp, which serves the emulator's own endpoints
(/_groupgate/lambda-credentials/, /_groupgate/faults); faults.Faults, which injects faults
by rule, outside the lock; SerializedApp, the lock; moto. The other modules next to this
one each make moto do one thing as AWS does it; see their docstrings and README.md.

With --enforce-iam, every request after startup must be signed by a known identity (the
operator whose key is printed below, or credentials derived from it) and is authorized by
its IAM policies.

Usage: serial_moto.py [--host 127.0.0.1] [--port 0] [--enforce-iam] [--lambda-credentials-seconds N]
(N, or GROUPGATE_LAMBDA_CREDENTIALS_SECONDS: how long a function's credentials live; six hours
unless set, short in tests that show an expiry)
Once it listens it prints on stdout, one per line:
    GROUPGATE_MOTO_PORT=<port>
    GROUPGATE_OPERATOR_ACCESS_KEY_ID=<id>
    GROUPGATE_OPERATOR_SECRET_ACCESS_KEY=<secret>
    GROUPGATE_LAMBDA_CREDENTIALS_TOKEN=<token>
    GROUPGATE_READY
"""
import os

# Before moto is imported: IAM backends are created with AWS's managed policies.
os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")

import argparse  # noqa: E402
import secrets  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402

from moto.server import DomainDispatcherApplication, create_backend_app  # noqa: E402
from werkzeug import serving  # noqa: E402

import faults  # noqa: E402
import iam_authorization  # noqa: E402
import lambda_credentials  # noqa: E402
import operator_identity  # noqa: E402
import presigned_urls  # noqa: E402
import stream_records  # noqa: E402
import transactions  # noqa: E402

_LOCK = threading.Lock()


class SerializedApp:
    def __init__(self, app):
        self._app = app

    def __call__(self, environ, start_response):
        with _LOCK:
            # The whole body is produced inside the lock: moto computes responses eagerly.
            return list(self._app(environ, start_response))


class GroupGateApp:
    """The emulator's own endpoints under /_groupgate/, AWS (moto) everywhere else."""

    def __init__(self, aws, own):
        self._aws = aws
        self._own = own  # path prefix -> WSGI app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        for prefix, app in self._own.items():
            if path.startswith(prefix):
                return app(environ, start_response)
        return self._aws(environ, start_response)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--enforce-iam", action="store_true",
                        help="authenticate and authorize every request after startup, as AWS does")
    parser.add_argument("--lambda-credentials-seconds", type=int,
                        default=int(os.environ.get("GROUPGATE_LAMBDA_CREDENTIALS_SECONDS",
                                                   lambda_credentials.SESSION_SECONDS)),
                        help="how long the credentials handed out to functions live")
    args = parser.parse_args()

    iam_authorization.install()
    presigned_urls.install()
    lambda_credentials.install()
    stream_records.install()
    transactions.install()
    operator_key = operator_identity.create_operator()
    if args.enforce_iam:
        operator_identity.enforce_iam()
    credentials_token = secrets.token_urlsafe(32)

    injected = faults.Faults(SerializedApp(DomainDispatcherApplication(create_backend_app)),
                             operator_key.access_key_id)
    app = GroupGateApp(injected, {
        lambda_credentials.PATH: lambda_credentials.LambdaCredentials(
            credentials_token, _LOCK, lifetime=args.lambda_credentials_seconds),
        faults.CONTROL_PATH: injected.control,
    })
    serving.LISTEN_QUEUE = 1024
    server = serving.make_server(
        args.host, args.port, app, threaded=True, request_handler=faults.RequestHandler
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"GROUPGATE_MOTO_PORT={server.server_port}", flush=True)
    print(f"GROUPGATE_OPERATOR_ACCESS_KEY_ID={operator_key.access_key_id}")
    print(f"GROUPGATE_OPERATOR_SECRET_ACCESS_KEY={operator_key.secret_access_key}")
    print(f"GROUPGATE_LAMBDA_CREDENTIALS_TOKEN={credentials_token}")
    print("GROUPGATE_READY", flush=True)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass


if __name__ == "__main__":
    main()
