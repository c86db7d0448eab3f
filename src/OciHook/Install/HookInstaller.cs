namespace DockerGuard.OciHook.Install;

/// <summary>
/// Installs the hook in the one safe order: binaries first, then the hooks.d entries. A hooks.d entry
/// whose binary is missing is skipped silently and every container runs unchecked (oci-hooks.md §6),
/// so the entry must never exist before its binary. Every file is replaced atomically. Removal is the
/// reverse: entries first, then binaries.
/// </summary>
public static class HookInstaller
{
    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Returns what was written, in order, one line each.</summary>
    public static IReadOnlyList<string> Install(HookInstallation plan)
    {
        var done = new List<string>();
        var binaries = plan.Docker ? new[] { HookDefinition.HookBinaryName, HookDefinition.WrapperBinaryName } : [HookDefinition.HookBinaryName];
        foreach (var name in binaries)
            if (!File.Exists(Path.Combine(plan.SourceDirectory, name)))
                throw new FileNotFoundException($"{name} not found in {plan.SourceDirectory}: publish it (dotnet publish src/OciHook.Hook -r linux-x64 -c Release) and pass its directory with --from");

        Directory.CreateDirectory(plan.BinaryDirectory);
        foreach (var name in binaries)
        {
            var target = Path.Combine(plan.BinaryDirectory, name);
            AtomicFile.Copy(Path.Combine(plan.SourceDirectory, name), target, Executable);
            done.Add($"installed {target}");
        }

        var definition = HookDefinition.For(plan.HookPath, plan.Settings);
        foreach (var dir in plan.HooksDirectories)
        {
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, HookDefinition.FileName);
            HookDefinitionFile.Write(file, definition);
            done.Add($"wrote {file}");
        }
        return done;
    }

    /// <summary>Removes the hooks.d entries, then the binaries; returns what was removed.</summary>
    public static IReadOnlyList<string> Uninstall(HookInstallation plan)
    {
        var done = new List<string>();
        foreach (var file in plan.HooksDirectories.Select(d => Path.Combine(d, HookDefinition.FileName)).Concat([plan.HookPath, plan.WrapperPath]))
        {
            if (!File.Exists(file)) continue;
            File.Delete(file);
            done.Add($"removed {file}");
        }
        return done;
    }
}
