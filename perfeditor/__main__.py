"""``python -m perfeditor`` and the frozen executables start here."""
import sys

# A frozen executable is also what a batch review's worker processes start: they run their task
# here and never reach the window or the command line. Outside a frozen executable
# freeze_support() does nothing, and importing multiprocessing would only slow every start.
if getattr(sys, "frozen", False):
    import multiprocessing

    multiprocessing.freeze_support()

from perfeditor.main import main  # noqa: E402

sys.exit(main())
