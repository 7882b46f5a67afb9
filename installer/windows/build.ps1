# Builds the Windows installer on a Windows machine with Python 3.11 and Inno Setup 6 installed:
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
# Makes a clean virtual environment (.venv-build), freezes with installer\build.py (the same step
# as the .deb), and wraps dist\perfeditor with Inno Setup into dist\perfeditor-setup-<version>.exe.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path (Split-Path $PSScriptRoot -Parent) -Parent)

function Invoke-Checked([string]$exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "$exe failed with exit code $LASTEXITCODE" }
}

$python = if ($env:PYTHON) { $env:PYTHON } else { "py" }
$pyArgs = if ($env:PYTHON) { @() } else { @("-3.11") }
if (-not (Test-Path .venv-build\Scripts\python.exe)) {
    Invoke-Checked $python ($pyArgs + @("-m", "venv", ".venv-build"))
}
$venv = ".\.venv-build\Scripts\python.exe"
Invoke-Checked $venv @("-m", "pip", "install", "--upgrade", "pip")
Invoke-Checked $venv @("-m", "pip", "install", "-r", "installer\requirements-build.txt")
Invoke-Checked $venv @("-m", "pip", "install", ".")
# Freezes and checks the bundle (resources, Qt's Chinese translations, print support).
Invoke-Checked $venv @("installer\build.py")
# The command line must run from the frozen folder, offline.
Invoke-Checked "dist\perfeditor\perfeditor-cli.exe" @("dump", "tests\fixtures\public\dingzhou_2020.docx") | Out-Null

$version = (Select-String -Path pyproject.toml -Pattern '^version\s*=\s*"([^"]+)"').Matches[0].Groups[1].Value
$iscc = Get-Command ISCC.exe -ErrorAction SilentlyContinue
$isccPath = if ($iscc) { $iscc.Source } else { "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $isccPath)) { throw "Inno Setup 6 (ISCC.exe) not found" }
Invoke-Checked $isccPath @("/DAppVersion=$version", "installer\windows\perfeditor.iss")
Get-ChildItem dist\perfeditor-setup-*.exe | ForEach-Object { "{0}  {1:N1} MB" -f $_.Name, ($_.Length / 1MB) }
