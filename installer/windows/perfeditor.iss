; Inno Setup script: wraps the PyInstaller one-folder build (dist\perfeditor, made by
; installer\build.py) into dist\perfeditor-setup-<version>.exe. Built by installer\windows\build.ps1:
;   ISCC /DAppVersion=0.1.0 installer\windows\perfeditor.iss
;
; Per user, without administrator rights: the program goes to %LOCALAPPDATA%\Programs\perfeditor,
; the Start-menu entry and the file associations to the user's own profile and registry (HKCU).
; The user's files (%LOCALAPPDATA%\perfeditor: log, autosave, indicator library) are not in the
; install folder, so the uninstaller, which removes only what was installed, leaves them alone.
#define AppName "预算绩效目标表编辑器"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define ProgId "perfeditor.form"

[Setup]
AppId={{6F1D1C2B-7C55-4E0B-9B8E-3A6C5E2F9A10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=perfeditor
DefaultDirName={autopf}\perfeditor
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=perfeditor-setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\perfeditor.ico
UninstallDisplayIcon={app}\perfeditor.exe
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
WizardStyle=modern

[Languages]
; Simplified Chinese where this Inno Setup has it (newer releases ship it, older ones only as an
; unofficial file); otherwise the wizard is English and the build prints a warning.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
  #pragma warning "ChineseSimplified.isl not found in Inno Setup's Languages folder: the wizard will be English"
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "创建桌面快捷方式"; GroupDescription: "附加任务："; Flags: unchecked

[Files]
Source: "..\..\dist\perfeditor\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\perfeditor.exe"
Name: "{group}\卸载 {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\perfeditor.exe"; Tasks: desktopicon

[Registry]
; 打开方式 ("Open with") for Word and Excel forms: the program is offered, the default program
; stays what it was. HKA is the user's own HKCU in a per-user install.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueData: "预算绩效目标表"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueData: "{app}\perfeditor.exe,0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueData: """{app}\perfeditor.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.docx\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.xlsx\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.xls\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.doc\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\perfeditor.exe"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\perfeditor.exe\shell\open\command"; ValueType: string; ValueData: """{app}\perfeditor.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\perfeditor.exe\SupportedTypes"; ValueType: string; ValueName: ".docx"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\perfeditor.exe\SupportedTypes"; ValueType: string; ValueName: ".xlsx"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\perfeditor.exe\SupportedTypes"; ValueType: string; ValueName: ".xls"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\perfeditor.exe\SupportedTypes"; ValueType: string; ValueName: ".doc"; ValueData: ""

[Run]
Filename: "{app}\perfeditor.exe"; Description: "启动 {#AppName}"; Flags: nowait postinstall skipifsilent
