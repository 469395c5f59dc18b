"""Placeholder for the Java application until appArtifactUrl is set.

Managed by Puppet (profile::java_app). The health check writes and reads a file on the
instance store with a short timeout, so a node whose disk stalls fails its load balancer
check instead of staying in service. A real application should do the same. The root path
reports the release, build and commit of the environment, so a request through the weighted
DNS name shows which release answered it.
"""

import http.server
import json
import os
import threading
import time

PORT = int(os.environ["APP_PORT"])
HEALTH_PATH = os.environ["HEALTH_CHECK_PATH"]
PROBE = os.path.join(os.environ["PROBE_DIR"], ".health-probe")
RELEASE = json.dumps(
    {
        "app": "placeholder",
        "release": os.environ.get("RELEASE_NAME", ""),
        "build": os.environ.get("BUILD_NUMBER", ""),
        "commit": os.environ.get("GIT_COMMIT", ""),
        "hint": "set appArtifactUrl",
    }
)


def disk_ok(timeout=2.0):
    result = []

    def probe():
        token = str(time.time_ns())
        with open(PROBE, "w") as f:
            f.write(token)
            f.flush()
            os.fsync(f.fileno())
        with open(PROBE) as f:
            result.append(f.read() == token)

    worker = threading.Thread(target=probe, daemon=True)
    worker.start()
    worker.join(timeout)
    return result == [True]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == HEALTH_PATH:
            ok = disk_ok()
            self.reply(200 if ok else 503, '{"status":"UP"}' if ok else '{"status":"DOWN"}')
        elif path == "/":
            self.reply(200, RELEASE)
        else:
            self.reply(404, '{"status":"not found"}')

    def reply(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Release", os.environ.get("RELEASE_NAME", ""))
        self.end_headers()
        self.wfile.write(data)


http.server.ThreadingHTTPServer(("", PORT), Handler).serve_forever()
