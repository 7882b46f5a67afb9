"""``python -m perfeditor`` and the frozen executables start here."""
import multiprocessing
import sys

# A frozen (Windows) executable is also what a batch review's worker processes start: they run
# their task here and never reach the window or the command line.
multiprocessing.freeze_support()

from perfeditor.main import main  # noqa: E402

sys.exit(main())
