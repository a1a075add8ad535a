; Desk's Windows installer (Inno Setup 6.3 or newer, also 7): Desk-Setup-<version>.exe.
; Per user, no administrator: the program goes to %LOCALAPPDATA%\Programs\Desk, the clerk's data
; stays in %LOCALAPPDATA%\Desk (desk/paths.py, platformdirs), which neither upgrade nor uninstall touches.
;
; Build (what .github/workflows/windows.yml does), from the repository's top folder:
;   pyinstaller --noconfirm build.spec                           -> dist\Desk\Desk.exe, desk-cli.exe
;   python -m desk.buildinfo                                      -> AppVersion=..., FileVersion=...
;   ISCC.exe /DAppVersion=0.1.0 /DFileVersion=0.1.0.0 packaging\windows\desk.iss
;                                                                 -> dist\installer\Desk-Setup-0.1.0.exe
; Optional defines: /DDistDir=<folder> (another bundle; tests/packaging compiles a stand-in),
; /DVietnameseIsl=<file> and /DRequireVietnamese (CI: fail instead of building English only),
; /DSignToolName=<name> with ISCC's /S<name>=<command> (sign Setup and the uninstaller).
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
; The console companion (same program, console subsystem) for scripts, cmd and PowerShell.
; Not "desk.exe": Windows file names ignore case, so it would be Desk.exe itself.
#define ConsoleExeName "desk-cli.exe"
#ifndef DistDir
  ; PyInstaller's one-folder output of build.spec (COLLECT name = APP_NAME).
  #define DistDir "..\..\dist\Desk"
#endif
; NEVER change the AppId: Windows and every later installer recognise an installed Desk by it,
; which is what makes a new version install over the old one in place.
#define AppId "{{9911F2DB-5CB2-4E22-961C-0FC63261B347}"
; The data folder (platformdirs.user_data_dir("Desk", roaming=False)); only named, never written.
#define DataDir "{localappdata}\Desk"

; Inno Setup ships no Vietnamese.isl (it is an unofficial translation, Files\Languages\Unofficial in
; its source; the workflow downloads it from a pinned commit). It is loaded over Default.isl, so a
; message it lacks falls back to English instead of failing the build.
#ifndef VietnameseIsl
  #define VietnameseIsl AddBackslash(SourcePath) + "Languages\Vietnamese.isl"
#endif
#define HaveVietnamese FileExists(VietnameseIsl)
#if defined(RequireVietnamese) && !HaveVietnamese
  #error Vietnamese.isl is missing: the installer would be English only
#endif

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
AppComments=Sổ theo dõi khó khăn, vướng mắc và báo cáo của UBND cấp xã
VersionInfoVersion={#FileVersion}
VersionInfoProductVersion={#FileVersion}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoDescription={#AppName} Setup
; Per-user install: no UAC prompt, and no way to switch to an all-users install.
PrivilegesRequired=lowest
; {autopf} is {userpf} (%LOCALAPPDATA%\Programs) in this non-administrative install mode.
DefaultDirName={autopf}\{#AppName}
; No folder page: the clerk cannot pick a folder that needs an administrator (Program Files)
; or the data folder. An upgrade keeps the folder of the first install.
DisableDirPage=yes
UsePreviousAppDir=yes
DisableProgramGroupPage=yes
; The bundle is 64-bit Python and Qt.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 supports Windows 10 1809 (build 17763) and later.
MinVersion=10.0.17763
WizardStyle=modern
Compression=lzma2/ultra64
SolidCompression=yes
; The compressor in its own process: more memory for ultra64, and the only way it runs under Wine
; (tests/packaging compiles this script there).
LZMAUseSeparateProcess=yes
OutputDir=..\..\dist\installer
OutputBaseFilename=Desk-Setup-{#AppVersion}
SetupIconFile=..\..\resources\app.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
; Every running Desk (window or command) holds this mutex (desk/running.py): Setup and Uninstall ask
; the clerk to close Desk first; a silent one stops with an error instead of replacing files in use.
AppMutex=Desk-9911F2DB-5CB2-4E22-961C-0FC63261B347
; A Desk older than the mutex holds its DLLs open: ask to close it (Restart Manager).
CloseApplications=yes
RestartApplications=no
; The optional PATH entry (HKCU\Environment): tell Explorer, so new consoles see it.
ChangesEnvironment=yes
; The language of Windows' display picks the installer's language; a list only when none matches.
ShowLanguageDialog=auto
#ifdef SignToolName
SignTool={#SignToolName}
SignedUninstaller=yes
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#if HaveVietnamese
Name: "vi"; MessagesFile: "compiler:Default.isl,{#VietnameseIsl}"
#endif

[Messages]
en.UninstalledAll=%1 was removed from your computer.%n%nThe records, reports and backups in %%LOCALAPPDATA%%\Desk were kept. Installing Desk again opens them.
#if HaveVietnamese
vi.UninstalledAll=Đã gỡ %1 khỏi máy tính.%n%nSổ theo dõi, báo cáo và bản sao lưu trong %%LOCALAPPDATA%%\Desk vẫn được giữ nguyên. Cài lại Desk sẽ mở lại các dữ liệu này.
#endif

[CustomMessages]
en.NotInDataFolder=Desk keeps its records in %1. Choose another folder for the program.
en.AddToPath=Let cmd and PowerShell find desk-cli (add the program folder to my PATH)
#if HaveVietnamese
vi.NotInDataFolder=Desk lưu dữ liệu trong %1. Hãy chọn thư mục khác để cài chương trình.
vi.AddToPath=Cho phép gọi desk-cli từ cmd và PowerShell (thêm thư mục chương trình vào PATH của tôi)
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "{cm:AddToPath}"; Flags: unchecked

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
const
  EnvironmentKey = 'Environment';

{ The program folder must not be the data folder: [InstallDelete] and a later uninstall work on
  the program folder. PrepareToInstall also runs in silent installs (/DIR=...). }
function PrepareToInstall(var NeedsRestart: Boolean): String;
begin
  Result := '';
  if CompareText(RemoveBackslash(ExpandConstant('{app}')), RemoveBackslash(ExpandConstant('{#DataDir}'))) = 0 then
    Result := FmtMessage(CustomMessage('NotInDataFolder'), [ExpandConstant('{#DataDir}')]);
end;

{ Position of Folder in the ';'-separated Paths (0 if absent), comparing without case. }
function PathEntry(const Paths, Folder: String): Integer;
begin
  Result := Pos(';' + Uppercase(RemoveBackslash(Folder)) + ';', ';' + Uppercase(Paths) + ';');
end;

procedure AddToUserPath(const Folder: String);
var
  Paths: String;
begin
  if not RegQueryStringValue(HKCU, EnvironmentKey, 'Path', Paths) then
    Paths := '';
  if PathEntry(Paths, Folder) > 0 then
    Exit;
  if (Paths <> '') and (Copy(Paths, Length(Paths), 1) <> ';') then
    Paths := Paths + ';';
  RegWriteExpandStringValue(HKCU, EnvironmentKey, 'Path', Paths + RemoveBackslash(Folder));
end;

procedure RemoveFromUserPath(const Folder: String);
var
  Paths: String;
  At: Integer;
begin
  if not RegQueryStringValue(HKCU, EnvironmentKey, 'Path', Paths) then
    Exit;
  At := PathEntry(Paths, Folder);
  if At = 0 then
    Exit;
  Paths := ';' + Paths + ';';
  Delete(Paths, At, Length(RemoveBackslash(Folder)) + 1);
  Paths := Copy(Paths, 2, Length(Paths) - 2);
  if Paths = '' then
    RegDeleteValue(HKCU, EnvironmentKey, 'Path')
  else
    RegWriteExpandStringValue(HKCU, EnvironmentKey, 'Path', Paths);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if (CurStep = ssPostInstall) and WizardIsTaskSelected('addtopath') then
    AddToUserPath(ExpandConstant('{app}'));
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    RemoveFromUserPath(ExpandConstant('{app}'));
end;
