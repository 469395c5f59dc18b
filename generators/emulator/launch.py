"""Runs moto's server with the oar_moto models: python3 launch.py [-p PORT] [-H HOST] [--list-types]."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from oar_moto.server import main  # noqa: E402

if __name__ == "__main__":
    main()
