using System.Runtime.InteropServices;

namespace DockerGuard.Cli.Serving;

/// <summary>A token that fires on SIGTERM (systemd stop, docker kill) or SIGINT (Ctrl+C), handled instead of killing the process so servers can stop cleanly.</summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _int;

    public ShutdownSignal(CancellationToken outer)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        _int = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
    }

    public CancellationToken Token => _stop.Token;

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        _stop.Cancel();
    }

    /// <summary>Completes when a signal arrives or the outer token fires.</summary>
    public Task WaitAsync() => Task.Delay(Timeout.Infinite, Token).ContinueWith(_ => { }, TaskScheduler.Default);

    public void Dispose()
    {
        _term.Dispose();
        _int.Dispose();
        _stop.Dispose();
    }
}
