"""moto's server, one request at a time.

moto's stock server handles each request on its own thread, and its DynamoDB backend does
not hold a lock across a conditional write's check and its update. AWS makes those
atomic; GroupGate's exact daily caps and capacities depend on it. Connections are still
accepted on threads (so a burst of clients does not overflow the listen queue), but every
request runs inside one process-wide lock.

TransactWriteItems in moto 5.2.5 backs up every table a transaction names with
copy.deepcopy (once per transact item), stream history included, so each transaction
costs time proportional to everything the stream has ever carried; under a few
thousand scans the emulator slows to seconds per join. The backup is kept, but the
stream part of it is made shallow: stream records are never changed once written, so a
copy of the list is as good a backup as a copy of every record. This touches the
emulator's bookkeeping only; what the API answers is unchanged.

Usage: serial_moto.py [--host 127.0.0.1] [--port 0]
Prints "GROUPGATE_MOTO_PORT=<port>" on stdout once it listens.
"""
import argparse
import copy
import signal
import sys
import threading

from moto.dynamodb import models as dynamodb_models
from moto.server import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug import serving

_LOCK = threading.Lock()


def _shallow_stream_backup():
    try:
        from moto.dynamodb.models.table import Table
    except ImportError:
        return

    def table_deepcopy(self, memo):
        clone = self.__class__.__new__(self.__class__)
        memo[id(self)] = clone
        for name, value in self.__dict__.items():
            if name == "stream_shard" and value is not None and hasattr(value, "items"):
                shard = copy.copy(value)
                shard.items = list(value.items)
                shard.table = clone
                setattr(clone, name, shard)
            else:
                setattr(clone, name, copy.deepcopy(value, memo))
        return clone

    Table.__deepcopy__ = table_deepcopy


def _back_up_each_table_once():
    """moto's TransactWriteItems deep-copies a table once per ITEM of the transaction to
    roll back on failure: up to 100 copies of the whole table per call, so transactions
    slow down with the table's size (the aggregate function writes 100-item transactions).
    One copy per table restores the same state. Safe because every request runs under
    _LOCK, so the swapped copy.deepcopy is never seen by another request."""
    original = dynamodb_models.DynamoDBBackend.transact_write_items
    real_deepcopy = copy.deepcopy

    def transact_write_items(self, transact_items):
        copies = {}

        def deepcopy_once(obj, memo=None):
            if isinstance(obj, dynamodb_models.Table):
                if id(obj) not in copies:
                    copies[id(obj)] = real_deepcopy(obj, memo)
                return copies[id(obj)]
            return real_deepcopy(obj, memo)

        copy.deepcopy = deepcopy_once
        try:
            return original(self, transact_items)
        finally:
            copy.deepcopy = real_deepcopy

    dynamodb_models.DynamoDBBackend.transact_write_items = transact_write_items


class SerializedApp:
    def __init__(self, app):
        self._app = app

    def __call__(self, environ, start_response):
        with _LOCK:
            # The whole body is produced inside the lock: moto computes responses eagerly.
            return list(self._app(environ, start_response))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    _back_up_each_table_once()

    _shallow_stream_backup()
    app = DomainDispatcherApplication(create_backend_app)
    serving.LISTEN_QUEUE = 1024
    server = serving.make_server(
        args.host, args.port, SerializedApp(app), threaded=True, request_handler=MotoRequestHandler
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"GROUPGATE_MOTO_PORT={server.server_port}", flush=True)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass


if __name__ == "__main__":
    main()
