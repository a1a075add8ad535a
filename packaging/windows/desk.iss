; Desk's Windows installer (Inno Setup 6.3 or newer, also 7): Desk-Setup-<version>.exe.
; Per user, no administrator: the program goes to %LOCALAPPDATA%\Programs\Desk, the clerk's data
; stays in %LOCALAPPDATA%\Desk (desk/paths.py, platformdirs), which neither upgrade nor uninstall touches.
;
; Build (what .github/workflows/windows.yml does), from the repository's top folder:
;   pyinstaller --noconfirm build.spec                           -> dist\Desk\Desk.exe
;   python -m desk.buildinfo                                      -> AppVersion=..., FileVersion=...
;   ISCC.exe /DAppVersion=0.1.0 /DFileVersion=0.1.0.0 packaging\windows\desk.iss
;                                                                 -> dist\installer\Desk-Setup-0.1.0.exe
; Relative paths below are relative to this file's folder (Inno Setup's SourceDir).

#ifndef AppVersion
  #error Pass the version from the build: ISCC /DAppVersion=x.y.z (python -m desk.buildinfo prints it)
#endif
#ifndef FileVersion
  ; Windows wants four numbers; fine when AppVersion is already numeric, e.g. 0.1.0.
  #define FileVersion AppVersion
#endif

#define AppName "Desk"
#define AppExeName "Desk.exe"
; PyInstaller's one-folder output of build.spec (COLLECT name = APP_NAME).
#define DistDir "..\..\dist\Desk"
; NEVER change the AppId: Windows and every later installer recognise an installed Desk by it,
; which is what makes a new version install over the old one in place.
#define AppId "{{9911F2DB-5CB2-4E22-961C-0FC63261B347}"
; The data folder (platformdirs.user_data_dir("Desk", roaming=False)); only named, never written.
#define DataDir "{localappdata}\Desk"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
AppComments=Sổ theo dõi khó khăn, vướng mắc và báo cáo của UBND cấp xã
VersionInfoVersion={#FileVersion}
VersionInfoProductVersion={#FileVersion}
VersionInfoDescription={#AppName} Setup
; Per-user install: no UAC prompt, and no way to switch to an all-users install.
PrivilegesRequired=lowest
; {autopf} is {userpf} (%LOCALAPPDATA%\Programs) in this non-administrative install mode.
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
; An upgrade keeps the folder chosen the first time (also the default).
UsePreviousAppDir=yes
; The bundle is 64-bit Python and Qt.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; PySide6 6.x supports Windows 10 and 11.
MinVersion=10.0
WizardStyle=modern
Compression=lzma2/ultra64
SolidCompression=yes
OutputDir=..\..\dist\installer
OutputBaseFilename=Desk-Setup-{#AppVersion}
SetupIconFile=..\..\resources\app.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
; A running Desk holds its DLLs open: ask to close it (Restart Manager) before replacing them.
CloseApplications=yes
RestartApplications=no

[Languages]
; Inno Setup ships no Vietnamese.isl (it is an unofficial translation, Files\Languages\Unofficial in
; its source). Put a copy at packaging\windows\Languages\Vietnamese.isl to add Vietnamese; it is loaded
; over Default.isl so any message it lacks falls back to English instead of failing the build.
#if FileExists(AddBackslash(SourcePath) + "Languages\Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Default.isl,Languages\Vietnamese.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Messages]
en.UninstalledAll=%1 was removed from your computer.%n%nThe records, reports and backups in %%LOCALAPPDATA%%\Desk were kept. Installing Desk again opens them.
#if FileExists(AddBackslash(SourcePath) + "Languages\Vietnamese.isl")
vi.UninstalledAll=Đã gỡ %1 khỏi máy tính.%n%nSổ theo dõi, báo cáo và bản sao lưu trong %%LOCALAPPDATA%%\Desk vẫn được giữ nguyên. Cài lại Desk sẽ mở lại các dữ liệu này.
#endif

[CustomMessages]
en.NotInDataFolder=Desk keeps its records in %1. Choose another folder for the program.
#if FileExists(AddBackslash(SourcePath) + "Languages\Vietnamese.isl")
vi.NotInDataFolder=Desk lưu dữ liệu trong %1. Hãy chọn thư mục khác để cài chương trình.
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: a library left from the old version must not be loaded by the
; new one. Only the program folder's _internal; the data folder is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; The first start after an upgrade migrates the data (Alembic, desk/store/migrate.py) before the window opens.
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what this installer put in {app}.

[Code]
{ The program folder must not be the data folder: [InstallDelete] and a later uninstall work on
  the program folder. PrepareToInstall also runs in silent installs (/DIR=...). }
function PrepareToInstall(var NeedsRestart: Boolean): String;
begin
  Result := '';
  if CompareText(RemoveBackslash(ExpandConstant('{app}')), RemoveBackslash(ExpandConstant('{#DataDir}'))) = 0 then
    Result := FmtMessage(CustomMessage('NotInDataFolder'), [ExpandConstant('{#DataDir}')]);
end;
