namespace DockerGuard.Policy.Model;

/// <summary>What the request asks the runtime to do.</summary>
public enum Operation
{
    /// <summary>A new container or pod (docker create, Pod CREATE, OCI createRuntime, pod templates).</summary>
    Create,
    /// <summary>A change to a running workload (docker update, Pod UPDATE, ephemeral containers).</summary>
    Update,
    /// <summary>A new process in an existing container (docker exec, pods/exec).</summary>
    Exec,
    /// <summary>A stream into an existing process (docker attach, pods/attach).</summary>
    Attach,
    /// <summary>Starting a created container (docker start).</summary>
    Start,
    /// <summary>Removing something.</summary>
    Delete,
    /// <summary>Changes to the runtime's own extensions (docker plugin enable/disable/upgrade).</summary>
    PluginChange,
    /// <summary>Anything else a surface chose to send to the engine.</summary>
    Other,
}
