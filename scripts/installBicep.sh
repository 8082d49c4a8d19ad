#!/usr/bin/env bash
# Restores the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64) into .tools/ and prints its path.
# Idempotent: a restored compiler is reused. Needs the .NET SDK (`dotnet`) on PATH.
set -euo pipefail

version="${BICEP_VERSION:-0.49.2}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
packages="$tools/nuget"
binary="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"

if [[ ! -x "$binary" ]]; then
    mkdir -p "$tools"
    # Parallel test workers may call this at once: one restores, the others wait for it.
    exec 9>"$tools/bicep-restore.lock"
    flock 9
fi
if [[ ! -x "$binary" ]]; then
    if ! command -v dotnet >/dev/null 2>&1; then
        echo "installBicep: the .NET SDK ('dotnet') is required to restore the Bicep compiler from NuGet" >&2
        exit 1
    fi
    project="$tools/bicep-restore"
    mkdir -p "$project"
    cat >"$project/bicep-restore.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$version]" /></ItemGroup>
</Project>
XML
    MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
        dotnet restore "$project/bicep-restore.csproj" --packages "$packages" --disable-build-servers --verbosity quiet >&2
    chmod +x "$binary"
fi

echo "$binary"
