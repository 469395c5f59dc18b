"""moto's server with this package's models, plus a read-only inventory route.

``GET /oar-api/inventory`` answers with every resource moto's backends hold (see
``inventory.py``), so a caller can compare the emulator before a deploy and after its
destroy; ``?touch=us-east-1,eu-west-1`` first creates every backend there, with the
defaults moto makes on first use, for a baseline. ``GET /oar-api/types`` lists the types
it creates. Everything else goes to moto unchanged.
"""

import argparse
import json
import os
import signal
import sys
from typing import Any
from urllib.parse import parse_qs

from . import MOTO_VERSION, load_models
from .inventory import inventory, touch_backends

INVENTORY_PATH = "/oar-api/inventory"
TYPES_PATH = "/oar-api/types"


def main(argv: list[str] | None = None) -> None:
    # AWS managed policies exist in every account, and roles attach them (ManagedPolicyArns); moto
    # loads them only when asked, about a second per IAM backend. The model tests leave them out.
    os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
    types = load_models()
    from moto.cloudformation.parsing import get_model_map
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import run_simple

    parser = argparse.ArgumentParser(prog="oar emulator", description=__doc__)
    parser.add_argument("-H", "--host", default="127.0.0.1", help="the address to bind (default 127.0.0.1)")
    parser.add_argument("-p", "--port", type=int, default=5000, help="the port to listen on (default 5000)")
    parser.add_argument("--list-types", action="store_true", help="print the CloudFormation types it creates, and exit")
    args = parser.parse_args(argv)

    every_type = sorted(t for t in get_model_map() if t.startswith("AWS::") and t != "AWS::SERVICE::RESOURCE")
    if args.list_types:
        print("\n".join(every_type))
        return

    moto_app = DomainDispatcherApplication(create_backend_app)

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        path = environ.get("PATH_INFO", "")
        if path in (INVENTORY_PATH, TYPES_PATH) and environ.get("REQUEST_METHOD") == "GET":
            query = parse_qs(environ.get("QUERY_STRING", ""))
            if path == INVENTORY_PATH and query.get("touch"):
                touch_backends(query["touch"][0].split(","))
            body = json.dumps(inventory() if path == INVENTORY_PATH else every_type).encode()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        return moto_app(environ, start_response)

    # Everything is in memory: nothing to flush, and sys.exit inside a logging lock prints a traceback.
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.signal(signal.SIGINT, lambda *_: os._exit(0))
    print(
        f"emulator: moto {installed_moto()} with {len(types)} added CloudFormation types "
        f"({len(every_type)} in all) at http://localhost:{args.port}",
        flush=True,
    )
    run_simple(args.host, args.port, app, threaded=True, use_reloader=False)


def installed_moto() -> str:
    import moto

    version = str(moto.__version__)
    if version != MOTO_VERSION:
        print(f"emulator: warning: these models are written for moto {MOTO_VERSION}, and moto {version} is installed", file=sys.stderr)
    return version
