"""``python -m bot`` runs the ``matchbot`` command line."""

import sys

from bot.cli import main

sys.exit(main())
