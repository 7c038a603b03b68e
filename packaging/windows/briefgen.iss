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

[Types]
; Standard leaves out the machine-translation engine: it is most of the size and does nothing until a
; translation pack is installed. IT desks that hand out packs install with /TYPE=full or /COMPONENTS=main,mt.
Name: "standard"; Description: "Standard installation"
Name: "full"; Description: "Full installation, with offline machine translation"
Name: "custom"; Description: "Custom installation"; Flags: iscustom

[Components]
; The "mt" description must keep the words "Offline machine translation": briefgen's message when the engine
; is missing (briefgen/translate/engine.py, ENGINE_MISSING) tells the user to tick it.
Name: "main"; Description: "briefgen"; Types: standard full custom; Flags: fixed
Name: "mt"; Description: "Offline machine translation (CTranslate2 engine for installed translation packs)"; Types: full

[Files]
; The one-folder bundle: briefgen.exe (window), briefgen-cli.exe (console) and _internal\, except the engine's
; folders (packaging/buildsupport.py, MT_ENGINE_FOLDERS), which make up the "mt" component.
Source: "{#DistDir}\*"; DestDir: "{app}"; Components: main; Flags: ignoreversion recursesubdirs createallsubdirs; \
  Excludes: "\_internal\ctranslate2,\_internal\ctranslate2.libs,\_internal\sentencepiece,\_internal\sentencepiece.libs,\_internal\numpy,\_internal\numpy.libs"
; skipifsourcedoesntexist: a folder the wheel or PyInstaller's layout does not produce (the .libs side folders
; of auditwheel and delvewheel) must not stop the build
Source: "{#DistDir}\_internal\ctranslate2\*"; DestDir: "{app}\_internal\ctranslate2"; Components: mt; \
  Flags: ignoreversion recursesubdirs createallsubdirs skipifsourcedoesntexist
Source: "{#DistDir}\_internal\sentencepiece\*"; DestDir: "{app}\_internal\sentencepiece"; Components: mt; \
  Flags: ignoreversion recursesubdirs createallsubdirs skipifsourcedoesntexist
Source: "{#DistDir}\_internal\ctranslate2.libs\*"; DestDir: "{app}\_internal\ctranslate2.libs"; Components: mt; \
  Flags: ignoreversion recursesubdirs createallsubdirs skipifsourcedoesntexist
Source: "{#DistDir}\_internal\sentencepiece.libs\*"; DestDir: "{app}\_internal\sentencepiece.libs"; Components: mt; \
  Flags: ignoreversion recursesubdirs createallsubdirs skipifsourcedoesntexist
; numpy: only converting an OPUS-MT release at install needs it (CTranslate2's converter)
Source: "{#DistDir}\_internal\numpy\*"; DestDir: "{app}\_internal\numpy"; Components: mt; \
  Flags: ignoreversion recursesubdirs createallsubdirs skipifsourcedoesntexist
Source: "{#DistDir}\_internal\numpy.libs\*"; DestDir: "{app}\_internal\numpy.libs"; Components: mt; \
  Flags: ignoreversion recursesubdirs createallsubdirs skipifsourcedoesntexist

[InstallDelete]
; A previous version's bundle may hold modules this one no longer ships.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
