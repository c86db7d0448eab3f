using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// <c>POST /containers/{name}/exec</c>: the exec decision is made here, not at exec start, whose body
/// carries only Detach/Tty (reference §6). An empty User inherits the container's Config.User:
/// taken from what DockerGuard saw at create time, or reported as unknown in the field path.
/// </summary>
public static class ExecCreateTranslator
{
    public static TranslatedRequest Translate(EngineRequest request)
    {
        var body = request.Root;
        var target = request.Route.Name ?? "";
        var user = body.String("User") ?? "";
        Field<string> userField;
        if (user.Length > 0) userField = Field.Of(user, body.PathOf("User"));
        else if (request.Memory.Find(target) is { } known)
            userField = Field.Of(known.User?.Value ?? "", $"User (empty: inherits Config.User \"{known.User?.Value ?? ""}\" of container {known.Name})");
        else
            userField = Field.Of("", "User (empty: inherits Config.User of a container DockerGuard did not see created, unknown)");

        var exec = new ExecRequest
        {
            Container = target,
            Privileged = Field.Of(body.Bool("Privileged") ?? false, body.PathOf("Privileged")),
            User = userField,
            // Not an override: exec-user-root's denyAnyUserOverride must not flag the container's own user.
            UserFromContainer = user.Length == 0,
            Command = [.. (body.Strings("Cmd") ?? []).Select(c => c.Value)],
            Tty = body.Bool("Tty") ?? false,
            Stdin = body.Bool("AttachStdin") ?? false,
        };
        return new TranslatedRequest(new WorkloadRequest
        {
            Surface = Surface.Docker,
            Operation = Operation.Exec,
            Subject = request.Subject,
            Resource = new ResourceRef { Kind = "Container", Name = target },
            Exec = exec,
        });
    }
}
