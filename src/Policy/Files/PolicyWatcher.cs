using System.Security.Cryptography;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Policy.Files;

/// <summary>
/// Keeps a <see cref="PolicyStore"/> in step with a policy directory. File-system events are
/// debounced (editors write a file in several steps); a periodic re-hash of the files catches what
/// events miss (network file systems, Kubernetes ConfigMap symlink swaps, inotify limits). A change
/// recompiles the directory; only a plan that loads cleanly replaces the running one. A failure is
/// raised as <see cref="ReloadFailed"/>, written to the log and counted, and the old plan stays.
/// </summary>
public sealed class PolicyWatcher : IDisposable
{
    private readonly string _directory;
    private readonly PolicyStore _store;
    private readonly PolicyWatcherOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private FileSystemWatcher? _fs;
    private ITimer? _debounce;
    private ITimer? _rehash;
    private string? _lastFingerprint;
    private bool _disposed;

    public PolicyWatcher(string directory, PolicyStore store, PolicyWatcherOptions? options = null, TimeProvider? time = null)
    {
        _directory = directory;
        _store = store;
        _options = options ?? new PolicyWatcherOptions();
        _time = time ?? TimeProvider.System;
    }

    public PolicyReloadCounters Counters { get; } = new();

    /// <summary>Raised when the directory changed but did not load; the running plan was kept.</summary>
    public event Action<PolicyLoadResult>? ReloadFailed;

    /// <summary>Raised when a changed directory loaded and its plan replaced the running one.</summary>
    public event Action<CompiledPolicy>? Reloaded;

    /// <summary>Starts watching. The files are checked once immediately, so a change made between the initial load and now is not missed.</summary>
    public void Start()
    {
        _debounce = _time.CreateTimer(_ => CheckNow(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _rehash = _time.CreateTimer(_ => CheckNow(), null, _options.RehashInterval, _options.RehashInterval);
        _fs = new FileSystemWatcher(_directory)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _fs.Changed += OnEvent;
        _fs.Created += OnEvent;
        _fs.Deleted += OnEvent;
        _fs.Renamed += OnEvent;
        _fs.Error += (_, _) => CheckSoon();
        _fs.EnableRaisingEvents = true;
        CheckNow();
    }

    private void OnEvent(object sender, FileSystemEventArgs e) => CheckSoon();

    private void CheckSoon() => _debounce?.Change(_options.Debounce, Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Reloads if the files differ from the last attempt. Returns the load result, or null when
    /// nothing changed. Serialised: two triggers never compile concurrently.
    /// </summary>
    public PolicyLoadResult? CheckNow()
    {
        lock (_gate)
        {
            if (_disposed) return null;
            string fingerprint;
            try
            {
                fingerprint = Fingerprint(_directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                fingerprint = "unreadable:" + e.Message;
            }
            if (fingerprint == _lastFingerprint) return null;
            _lastFingerprint = fingerprint;

            var result = PolicyDirectory.Load(_directory, _time);
            var running = _store.Current;
            if (result.Plan is null)
            {
                Counters.Failure(result);
                var errors = result.Errors.ToList();
                _options.Log?.Invoke($"policy reload failed, keeping version {running.Version}: {errors.Count} error(s) in {_directory}; first: {errors.FirstOrDefault()}");
                ReloadFailed?.Invoke(result);
                return result;
            }
            // Re-formatting or a comment changes the bytes but not the canonical content: nothing to swap.
            if (result.Plan.Version == running.Version)
            {
                Counters.Recovered();
                return result;
            }
            _store.Swap(result.Plan);
            Counters.Success();
            _options.Log?.Invoke($"policy reloaded: version {result.Plan.Version} ({result.Plan.Entries.Length} rule entries from {string.Join(", ", result.Plan.PolicyNames)}), was {running.Version}");
            Reloaded?.Invoke(result.Plan);
            return result;
        }
    }

    /// <summary>SHA-256 over the policy files' names and raw bytes: cheap change detection, not the policy version.</summary>
    private static string Fingerprint(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (!Directory.Exists(directory)) return "missing";
        foreach (var file in PolicyDirectory.PolicyFiles(directory))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public void Dispose()
    {
        lock (_gate) _disposed = true;
        _fs?.Dispose();
        _debounce?.Dispose();
        _rehash?.Dispose();
    }
}

/// <summary>How eagerly <see cref="PolicyWatcher"/> reacts.</summary>
public sealed record PolicyWatcherOptions
{
    /// <summary>Quiet time after the last file event before reloading.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(300);
    /// <summary>How often the files are re-hashed whether or not an event arrived.</summary>
    public TimeSpan RehashInterval { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Where reload outcomes are written, one line each (the host passes its logger).</summary>
    public Action<string>? Log { get; init; }
}
