"""`python -m tui` runs the command line."""

import sys

import os
sys.setswitchinterval(float(os.environ.get("SI", "0.005")))
from tui.cli import main

sys.exit(main())
