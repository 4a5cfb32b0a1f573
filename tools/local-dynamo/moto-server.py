"""moto's DynamoDB server as `moto_server` runs it, with two changes for the lock's tests.

1. Requests are applied one at a time. moto's backend checks a write's condition and then applies
   it with no lock in between, and `moto_server` serves each connection on its own thread, so two
   racing conditional writes can both pass (seen: 2 winners of 16 clients racing one
   `attribute_not_exists` put). DynamoDB documents conditional writes as atomic per item;
   serialising keeps moto to that contract (docs/server-differences.md). Each answer carries its
   place in that order (header X-Local-Dynamo-Seq), for checkers that must know it.
2. It binds the port it is given (0: a free one), prints `listening on http://HOST:PORT` once
   ready, and does not log every request (werkzeug's default), which costs CPU on 2 cores.
3. It exits when its parent process is gone, even one that was SIGKILLed (no orphan servers).

Usage: moto-server.py [--host 127.0.0.1] [--port 0]
"""

import argparse
import os
import signal
import sys
import threading

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server


class QuietHandler(MotoRequestHandler):
    def log_request(self, *args, **kwargs):  # noqa: D102 - werkzeug logs each request here
        pass


def serialised(app):
    lock = threading.Lock()
    applied = [0]

    def handle(environ, start_response):
        with lock:
            # The server's order, stamped inside the lock (X-Local-Dynamo-Seq): answers of two
            # requests served back to back can reach a proxy in either order, so a test that
            # must know which write the server applied first reads this, not arrival times.
            applied[0] += 1
            seq = str(applied[0])

            def start(status, headers, exc_info=None):
                return start_response(status, list(headers) + [("X-Local-Dynamo-Seq", seq)], exc_info)

            # The whole body inside the lock: the write is applied while producing it.
            return list(app(environ, start))

    return handle


def exit_with_parent() -> None:
    parent = os.getppid()

    def watch():
        while True:
            threading.Event().wait(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    exit_with_parent()
    app = DomainDispatcherApplication(create_backend_app)
    server = make_server(args.host, args.port, serialised(app), threaded=True, request_handler=QuietHandler)
    print(f"listening on http://{args.host}:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
