; Inno Setup script: wraps the PyInstaller one-folder build (dist\perfeditor) into an installer.
;   iscc installer\perfeditor.iss
#define AppName "预算绩效目标表编辑器"
#define AppVersion "0.1.0"

[Setup]
AppId={{6F1D1C2B-7C55-4E0B-9B8E-3A6C5E2F9A10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=perfeditor
DefaultDirName={autopf}\perfeditor
DefaultGroupName={#AppName}
OutputDir=..\dist
OutputBaseFilename=perfeditor-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "创建桌面快捷方式"; GroupDescription: "附加任务："

[Files]
Source: "..\dist\perfeditor\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\perfeditor.exe"
Name: "{group}\卸载 {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\perfeditor.exe"; Tasks: desktopicon

[Registry]
; "Open with" entries for Word and Excel forms (does not take over the default program).
Root: HKA; Subkey: "Software\Classes\Applications\perfeditor.exe\SupportedTypes"; ValueType: string; ValueName: ".docx"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\perfeditor.exe\SupportedTypes"; ValueType: string; ValueName: ".xlsx"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\perfeditor.exe\shell\open\command"; ValueType: string; ValueData: """{app}\perfeditor.exe"" ""%1"""

[Run]
Filename: "{app}\perfeditor.exe"; Description: "启动 {#AppName}"; Flags: nowait postinstall skipifsilent
