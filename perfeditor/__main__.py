"""``python -m perfeditor`` and the frozen executables start here."""
import sys

from perfeditor.cli import main

sys.exit(main())
