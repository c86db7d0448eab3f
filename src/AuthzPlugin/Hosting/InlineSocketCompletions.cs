namespace DockerGuard.AuthzPlugin.Hosting;

/// <summary>
/// Socket completions run on the thread that polls the sockets instead of being queued to the thread
/// pool. With Kestrel's inline scheduling (<see cref="PluginServer"/>) a message is then read, decided
/// and answered on that one thread: on the 2-core benchmark host this cut the plugin's CPU per message
/// by about a third and its context switches to a third (docs/performance.md), because no pool
/// thread has to be woken per message. The runtime reads the switch once, when the first socket
/// is used, and only from the environment, so a server process calls <see cref="Enable"/> before
/// it opens any socket (its audit store's included). Long decisions (large bodies) leave that
/// thread first (<see cref="PluginEndpoints"/>), so they do not hold up other connections.
/// </summary>
public static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Turns inline completions on unless the environment already says otherwise.</summary>
    public static void Enable()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null) Environment.SetEnvironmentVariable(Variable, "1");
    }
}
