; Inno Setup script: the Windows installer for the one-folder build (dist\pos-app\).
; On a Windows build machine, in the checkout (Git Bash for the build script):
;   bash packaging/build.sh                        (dist\pos-app\, build\icons\pos-app.ico)
;   bash packaging/smoke.sh
;   iscc /DAppVersion=0.1.0 packaging\windows\pos-app.iss
; Output: dist\installer\pos-app-setup-<version>.exe. Silent install for roll-outs:
;   pos-app-setup-0.1.0.exe /VERYSILENT /SUPPRESSMSGBOXES /TASKS="autostart"
; Upgrades install over the old version (same AppId): the program folder is replaced and the
; terminal's data (%LOCALAPPDATA%\pos-app\pos-app: the database, config.toml, the key in Credential Manager) is
; kept; the app migrates the database, with a backup, when it next starts. Uninstalling
; leaves the data too.
; Not yet built on Windows by this project's CI (Linux only): check it on a Windows machine.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "POS Loyalty Terminal"
#define Root "..\.."

[Setup]
; Keep this AppId for every version: it is what makes a new installer an upgrade.
AppId={{6E0C7B8A-4F1D-4C1E-9B7A-2D5C3E1F0A42}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=LoyalPro
DefaultDirName={autopf}\pos-app
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per machine by default (IT installs it once for every cashier's account); the dialog lets
; a non-admin install for one user.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist\installer
OutputBaseFilename=pos-app-setup-{#AppVersion}
SetupIconFile={#Root}\build\icons\pos-app.ico
UninstallDisplayIcon={app}\pos-app-gui.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; A running till holds its files open: ask to close it before replacing them.
CloseApplications=yes
RestartApplications=no

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "autostart"; Description: "Start the terminal when a user signs in to Windows"; GroupDescription: "Start-up:"; Flags: unchecked

[Files]
Source: "{#Root}\dist\pos-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the program folder's libraries: nothing of the old build lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\pos-app-gui.exe"; WorkingDir: "{app}"
Name: "{group}\{#AppName} (demo, sandbox)"; Filename: "{app}\pos-app-gui.exe"; Parameters: "--sandbox"; WorkingDir: "{app}"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\pos-app-gui.exe"; WorkingDir: "{app}"; Tasks: desktopicon
; Auto-start: the Startup folder of every user (per machine) or of this user.
Name: "{autostartup}\{#AppName}"; Filename: "{app}\pos-app-gui.exe"; WorkingDir: "{app}"; Tasks: autostart

[Registry]
; `pos-app` (the command line, with a console) on the PATH of new command prompts.
Root: HKA; Subkey: "{code:EnvKey}"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\pos-app-gui.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function EnvKey(Param: String): String;
begin
  if IsAdminInstallMode then
    Result := 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment'
  else
    Result := 'Environment';
end;

function NeedsAddPath(Dir: String): Boolean;
var
  Paths: String;
  RootKey: Integer;
begin
  if IsAdminInstallMode then RootKey := HKEY_LOCAL_MACHINE else RootKey := HKEY_CURRENT_USER;
  if not RegQueryStringValue(RootKey, EnvKey(''), 'Path', Paths) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;
