using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Tests.Support;

/// <summary>
/// Small changes for the <see cref="Requests"/> builders, so a case says only what it changes:
/// <c>Requests.Pod(Shape.Security(s => s with { RunAsUser = … }))</c>.
/// </summary>
public static class Shape
{
    public static Func<Container, Container> Security(Func<ProcessSecurity, ProcessSecurity> change) => c => c with { Security = change(c.Security) };

    public static Func<Sandbox, Sandbox> Namespaces(Func<Namespaces, Namespaces> change) => s => s with { Namespaces = change(s.Namespaces) };

    public static Func<Sandbox, Sandbox> PodSecurity(Func<ProcessSecurity, ProcessSecurity> change) => s => s with { PodSecurity = change(s.PodSecurity) };

    /// <summary>Kubernetes <c>spec.hostUsers: false</c>: the pod gets a user namespace of its own.</summary>
    public static Func<Sandbox, Sandbox> HostUsersFalse { get; } = Namespaces(n => n with { User = NamespaceSetting.Private("spec.hostUsers") });

    /// <summary>Kubernetes <c>spec.os.name: windows</c>.</summary>
    public static Func<Sandbox, Sandbox> Windows { get; } = s => s with { OsName = "windows" };

    /// <summary>Changes the sandbox of a request built without a sandbox hook (<see cref="Requests.PodWithAllKinds"/>).</summary>
    public static WorkloadRequest InSandbox(this WorkloadRequest request, Func<Sandbox, Sandbox> change) => request with { Sandbox = change(request.Sandbox) };

    /// <summary>Applies several changes in order.</summary>
    public static Func<T, T> All<T>(params Func<T, T>[] changes) => x => changes.Aggregate(x, (acc, f) => f(acc));
}
