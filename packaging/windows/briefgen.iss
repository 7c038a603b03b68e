; Inno Setup script for briefgen (Windows installer around the PyInstaller one-folder bundle).
;
;   iscc /DAppVersion=0.1.0 /DDistDir=..\..\dist\briefgen packaging\windows\briefgen.iss
;
; packaging/build_bundle.py --installer passes these (and IconFile). Without /DAppVersion the version is read from
; briefgen.exe's version resource, which the spec fills from pyproject.toml: one source either way.
; Installs per user by default (no admin rights needed: IT desks can still push it machine-wide
; with /ALLUSERS), entirely offline.

#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\..\dist\briefgen"
#endif
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(AddBackslash(DistDir) + "briefgen.exe")
#endif
#ifndef IconFile
  #define IconFile AddBackslash(SourcePath) + "..\..\build\briefgen\generated\icons\briefgen.ico"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\..\dist"
#endif
#define AppName "briefgen"
#define AppPublisher "briefgen team"
#define AppExe "briefgen.exe"

[Setup]
; AppId identifies the product across versions (upgrades replace, uninstall finds it): never change it.
AppId={{E50F537A-A833-4EE1-A493-433C67C650D1}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
VersionInfoProductVersion={#AppVersion}
VersionInfoDescription={#AppName} setup
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesEnvironment=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle: briefgen.exe (window), briefgen-cli.exe (console) and _internal\.
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A previous version's bundle may hold modules this one no longer ships.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
