"""Entry point of the windowed executable on Windows (``perfeditor.exe``): the window only.

It has no console, so there is nowhere to print to; the command line is ``perfeditor-cli.exe``
(``perfeditor.main:main``). Every argument is a file to open, as 打开方式 passes it.
"""
import sys

from perfeditor.app import main

sys.exit(main())
