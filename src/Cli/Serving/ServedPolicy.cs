using System.Reflection;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Files;

namespace DockerGuard.Cli.Serving;

/// <summary>
/// The policy a long-running server enforces and where it came from. An explicit directory must
/// exist and compile (a typo must not silently enforce something else); with no directory given,
/// <see cref="DefaultDirectory"/> is used when it exists, else the default policy compiled into this
/// binary (policies/cis-runtime.yaml), so a fresh machine is protected from the first start.
/// A directory is watched: a change that compiles replaces the running plan, a broken one is logged
/// and the old plan stays (<see cref="PolicyWatcher"/>).
/// </summary>
public sealed class ServedPolicy : IDisposable
{
    public const string DefaultDirectory = "/etc/dockerguard/policies";
    public const string EmbeddedName = "cis-runtime.yaml";
    private const string ResourceName = "DockerGuard.Cli.policies.cis-runtime.yaml";

    private ServedPolicy(PolicyStore store, string source, PolicyWatcher? watcher)
    {
        Store = store;
        Source = source;
        Watcher = watcher;
    }

    public PolicyStore Store { get; }
    /// <summary>"directory /etc/dockerguard/policies" or "built-in cis-runtime.yaml", for the startup line.</summary>
    public string Source { get; }
    public PolicyWatcher? Watcher { get; }
    /// <summary>Enforcing the policy compiled into the binary (no directory to change it through).</summary>
    public bool IsEmbedded { get; private init; }

    /// <param name="directory">--policy-dir, or null for the default.</param>
    /// <param name="defaultDirectory">Where to look when no directory is given (a parameter so tests need not touch /etc).</param>
    /// <param name="log">Reload outcomes, one line each.</param>
    public static ServedPolicy Open(string? directory, string defaultDirectory, Action<string> log)
    {
        if (directory is null && !Directory.Exists(defaultDirectory))
            return new ServedPolicy(new PolicyStore(CompileEmbedded()), $"built-in {EmbeddedName} ({defaultDirectory} does not exist)", null) { IsEmbedded = true };

        return Watch(directory ?? defaultDirectory, log);
    }

    /// <summary>A plan that never changes (the webhook's catalogue defaults when it is given no policy files).</summary>
    public static ServedPolicy Fixed(CompiledPolicy plan, string source) => new(new PolicyStore(plan), source, null);

    /// <summary><paramref name="dir"/> compiled now (it must exist and compile) and watched from then on.</summary>
    public static ServedPolicy Watch(string dir, Action<string>? log)
    {
        if (!Directory.Exists(dir)) throw new CliUsageException($"policy directory '{dir}' does not exist");
        var result = PolicyDirectory.Load(dir);
        if (result.Plan is null)
            throw new CliUsageException($"policy directory '{dir}' does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors)}");
        var store = new PolicyStore(result.Plan);
        var watcher = new PolicyWatcher(dir, store, new PolicyWatcherOptions { Log = log });
        watcher.Start();
        return new ServedPolicy(store, $"directory {Path.GetFullPath(dir)}", watcher);
    }

    /// <summary>The shipped default policy, embedded from policies/cis-runtime.yaml at build time.</summary>
    public static CompiledPolicy CompileEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} missing from the build");
        var text = new StreamReader(stream).ReadToEnd();
        var diagnostics = new Diagnostics();
        var name = "built-in/" + EmbeddedName; // same file name, so the same content hash as policies/cis-runtime.yaml on disk
        var root = YamlFile.Parse(text, name, diagnostics);
        var document = root is null ? null : PolicyFileParser.Parse(root, new YamlSource(name, diagnostics));
        if (document is null || diagnostics.HasErrors)
            throw new InvalidOperationException($"the built-in policy does not compile: {string.Join("; ", diagnostics.Errors)}");
        return PolicyCompiler.Compile([document]);
    }

    public void Dispose() => Watcher?.Dispose();
}
