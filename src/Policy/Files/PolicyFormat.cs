namespace DockerGuard.Policy.Files;

/// <summary>The header every DockerGuard YAML file carries.</summary>
public static class PolicyFormat
{
    public const string ApiVersion = "dockerguard.io/v1";
    public const string PolicyKind = "Policy";
    public const string TestKind = "PolicyTest";

    /// <summary>Checks <c>apiVersion</c> and <c>kind</c>; a test file where a policy belongs (or back) gets a hint where it goes.</summary>
    public static bool CheckHeader(YamlMap doc, string expectedKind)
    {
        var api = doc.String("apiVersion", required: true);
        if (api is not null && api != ApiVersion)
            doc.Source.Error(doc.Get("apiVersion"), $"apiVersion '{api}' is not supported", $"write 'apiVersion: {ApiVersion}'");
        var kind = doc.String("kind", required: true);
        if (kind is not null && kind != expectedKind)
        {
            var hint = (expectedKind, kind) switch
            {
                (PolicyKind, TestKind) => "policy tests belong in the tests/ directory beside the policies",
                (TestKind, PolicyKind) => "policies belong in the directory above tests/",
                _ => $"write 'kind: {expectedKind}'",
            };
            doc.Source.Error(doc.Get("kind"), $"kind '{kind}' where a {expectedKind} was expected", hint);
        }
        return api == ApiVersion && kind == expectedKind;
    }
}
