# Builds the Windows installer on a Windows machine with Python 3.11 and Inno Setup 6 installed.
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Split-Path $PSScriptRoot -Parent)
py -3.11 -m venv .venv-build
.\.venv-build\Scripts\python -m pip install --upgrade pip
.\.venv-build\Scripts\python -m pip install -r installer\requirements-build.txt
.\.venv-build\Scripts\python -m pip install .
.\.venv-build\Scripts\pyinstaller --noconfirm --distpath dist --workpath build installer\perfeditor.spec
# The print support plugin must be in the bundle, or printing silently does nothing.
if (-not (Get-ChildItem -Recurse dist\perfeditor -Filter "*printsupport*" -ErrorAction SilentlyContinue)) {
    throw "QtPrintSupport is missing from the bundle"
}
& "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" installer\perfeditor.iss
