namespace DockerGuard.Cli.Inputs;

/// <summary>Every input kind a policy test may use. A surface adds its native input here, one line.</summary>
public static class InputKinds
{
    public static IReadOnlyList<IInputReader> All { get; } =
    [
        new ModelInputReader(),
        new DockerInputReader(),
        new KubernetesInputReader(),
        new OciInputReader(),
    ];

    public static IInputReader? Find(string kind) => All.FirstOrDefault(r => r.Kind == kind);
}
