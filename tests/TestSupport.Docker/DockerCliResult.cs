namespace DockerGuard.TestSupport.Docker;

/// <summary>A finished docker CLI call; <see cref="Out"/> and <see cref="Err"/> are trimmed.</summary>
public sealed record DockerCliResult(int Exit, string Out, string Err)
{
    public override string ToString() => $"exit {Exit}\nstdout: {Out}\nstderr: {Err}";
}
