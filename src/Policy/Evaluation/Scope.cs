using System.Collections.Immutable;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Evaluation;

/// <summary>
/// Which requests a policy applies to. An empty list means "any". Images and container names are
/// matched per container: a policy scoped to some images applies when any container runs one.
/// </summary>
public sealed record Scope
{
    public static readonly Scope Everything = new();

    public ImmutableArray<Surface> Surfaces { get; init; } = [];
    public ImmutableArray<string> Namespaces { get; init; } = [];
    public ImmutableArray<string> Images { get; init; } = [];
    public ImmutableArray<string> Users { get; init; } = [];

    /// <summary>Whether the scope looks past the surface at all (namespace, image or user); when not, surface alone decides.</summary>
    public bool FiltersRequests => !Namespaces.IsEmpty || !Images.IsEmpty || !Users.IsEmpty;

    /// <summary>Whether requests from <paramref name="surface"/> can be in scope.</summary>
    public bool IncludesSurface(Surface surface) => Surfaces.IsEmpty || Surfaces.Contains(surface);

    public bool Covers(WorkloadRequest request)
    {
        if (!IncludesSurface(request.Surface)) return false;
        if (!Namespaces.IsEmpty && !Glob.AnyMatches(Namespaces, request.Resource.Namespace)) return false;
        if (!Users.IsEmpty && !Glob.AnyMatches(Users, request.Subject.User)) return false;
        if (!Images.IsEmpty)
        {
            foreach (var c in request.Containers)
                if (Glob.AnyMatches(Images, c.Image?.Value)) return true;
            return false;
        }
        return true;
    }
}
