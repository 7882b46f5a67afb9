"""``python -m perfeditor`` and the frozen executables start here."""
import sys

from perfeditor.main import main

sys.exit(main())
