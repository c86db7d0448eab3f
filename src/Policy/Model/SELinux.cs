namespace DockerGuard.Policy.Model;

/// <summary>
/// SELinux options as written. <see cref="Disabled"/> is Docker's <c>label=disable</c> / bare
/// <c>disable</c>; the other fields are Kubernetes seLinuxOptions or Docker <c>label=type:…</c>.
/// Empty strings mean "not set".
/// </summary>
public readonly record struct SELinux(string Path, bool Disabled = false, string Type = "", string User = "", string Role = "", string Level = "");
