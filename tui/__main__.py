"""`python -m tui` runs the command line."""

import sys

from tui.launch import main

sys.exit(main())
