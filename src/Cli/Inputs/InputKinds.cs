namespace DockerGuard.Cli.Inputs;

/// <summary>Every input kind a policy test may use. A surface adds its native input here, one line.</summary>
public static class InputKinds
{
    public static IReadOnlyList<IInputReader> All { get; } = Readers();

    private static IInputReader[] Readers()
    {
        // The Docker plugin's and the OCI hook's translators are Linux only, like those surfaces.
        if (!OperatingSystem.IsLinux()) return [new ModelInputReader(), new KubernetesInputReader()];
        return
        [
            new ModelInputReader(),
            new DockerInputReader(),
            new KubernetesInputReader(),
            new OciInputReader(),
        ];
    }

    public static IInputReader? Find(string kind) => All.FirstOrDefault(r => r.Kind == kind);
}
