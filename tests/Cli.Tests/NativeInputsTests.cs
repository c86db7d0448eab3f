using DockerGuard.Cli.PolicyTests;
using DockerGuard.Policy.Files;
using DockerGuard.Policy.Model;

namespace DockerGuard.Cli.Tests;

/// <summary>
/// <c>input: {docker|kubernetes|oci: ...}</c>: native objects reach the model through each surface's own
/// translator, inline or by file, and every problem is reported at a file and line.
/// </summary>
public sealed class NativeInputsTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    /// <summary>One case with <paramref name="input"/> (indented under <c>input:</c>); returns its request, or the diagnostics.</summary>
    private (WorkloadRequest? Request, IReadOnlyList<Diagnostic> Diagnostics, string File) Read(string input)
    {
        var indented = string.Join("\n", input.Split('\n').Select(l => "          " + l));
        var file = _tree.Write("tests/t.yaml",
            "apiVersion: dockerguard.io/v1\nkind: PolicyTest\nmetadata: {name: t}\nspec:\n  cases:\n    - name: c\n      expect: {decision: allow}\n      input:\n" + indented + "\n");
        var diagnostics = new Diagnostics();
        var parsed = PolicyTestParser.Load(file, diagnostics);
        return (parsed?.Cases.Single().Input, diagnostics.All, file);
    }

    private string CopyInput(string name)
    {
        var target = Path.Combine(_tree.Path, "tests", "inputs", name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Repository.PathOf(Path.Combine("policies", "tests", "inputs", name)), target);
        return target;
    }

    [Fact]
    public void Docker_create_body_written_inline_is_translated_as_the_plugin_does()
    {
        var (request, diagnostics, _) = Read("""
            docker:
              uri: /v1.43/containers/create?name=web
              user: alice
              body: {Image: busybox, HostConfig: {Privileged: true, NetworkMode: host, CapAdd: [cap_sys_admin]}}
            """);
        diagnostics.Should().BeEmpty();
        request!.Surface.Should().Be(Surface.Docker);
        request.Subject.User.Should().Be("alice");
        var c = request.Containers.Single();
        c.Name.Should().Be("web");
        c.Privileged.Should().Be(Field.Of(true, "HostConfig.Privileged"));
        c.CapAdd.Select(f => f.Value).Should().Equal("SYS_ADMIN");
        request.Sandbox.Namespaces.Network.IsHost.Should().BeTrue();
    }

    [Fact]
    public void Docker_AuthZReq_file_is_decoded_from_base64_and_translated()
    {
        CopyInput("create-privileged.authzreq.json");
        var (request, diagnostics, _) = Read("docker: {file: inputs/create-privileged.authzreq.json}");
        diagnostics.Should().BeEmpty();
        request!.Containers.Single().Privileged!.Value.Value.Should().BeTrue();
    }

    [Fact]
    public void Docker_exec_AuthZReq_becomes_an_exec_request()
    {
        CopyInput("exec-user-root.authzreq.json");
        var (request, diagnostics, _) = Read("docker: {file: inputs/exec-user-root.authzreq.json}");
        diagnostics.Should().BeEmpty();
        request!.Operation.Should().Be(Operation.Exec);
        request.Exec!.User!.Value.Value.Should().Be("root");
    }

    [Fact]
    public void Docker_route_the_plugin_does_not_judge_is_an_error_at_the_uri_line()
    {
        var (request, diagnostics, file) = Read("docker: {method: GET, uri: /v1.43/containers/json}");
        request.Should().BeNull();
        diagnostics.Should().ContainSingle(d => d.IsError && d.File == file && d.Line == 9)
            .Which.Message.Should().Contain("does not evaluate GET /containers/json");
    }

    [Fact]
    public void Docker_body_file_with_broken_json_is_reported_at_its_own_line()
    {
        var body = _tree.Write("tests/bad.json", "{\n  \"Image\": \"busybox\",\n  \"HostConfig\": {\"Privileged\": tru}\n}\n");
        var (request, diagnostics, file) = Read("docker: {uri: /containers/create, body: {file: bad.json}}");
        request.Should().BeNull();
        var d = diagnostics.Should().ContainSingle(x => x.IsError).Subject;
        d.File.Should().Be(body);
        d.Line.Should().Be(3);
        d.Hint.Should().Contain($"{file}:9");
    }

    [Fact]
    public void Docker_file_that_is_a_bare_body_says_how_to_write_it()
    {
        _tree.Write("tests/body.json", """{"Image": "busybox"}""");
        var (request, diagnostics, _) = Read("docker: {file: body.json}");
        request.Should().BeNull();
        diagnostics.Should().ContainSingle().Which.Hint.Should().Contain("{uri: /containers/create, body: {file: body.json}}");
    }

    [Fact]
    public void Missing_input_file_is_an_error_at_the_line_naming_it()
    {
        var (request, diagnostics, file) = Read("oci:\n  file: nope/config.json");
        request.Should().BeNull();
        var d = diagnostics.Should().ContainSingle().Subject;
        (d.File, d.Line).Should().Be((file, 10));
        d.Message.Should().Contain("'nope/config.json' does not exist");
    }

    [Fact]
    public void Kubernetes_bare_pod_is_judged_as_its_create()
    {
        var (request, diagnostics, _) = Read("""
            kubernetes:
              apiVersion: v1
              kind: Pod
              metadata: {name: web, namespace: shop}
              spec:
                hostNetwork: true
                initContainers: [{name: init, image: busybox, securityContext: {privileged: true}}]
                containers: [{name: app, image: busybox}]
            """);
        diagnostics.Should().BeEmpty();
        request!.Surface.Should().Be(Surface.Kubernetes);
        request.Operation.Should().Be(Operation.Create);
        request.Resource.Namespace.Should().Be("shop");
        request.Sandbox.Namespaces.Network.Should().Be(NamespaceSetting.Host("spec.hostNetwork"));
        request.Containers.Single(c => c.Kind == ContainerKind.Init).Privileged.Should().Be(Field.Of(true, "spec.initContainers[0].securityContext.privileged"));
    }

    [Fact]
    public void Kubernetes_deployment_from_a_yaml_file_points_into_its_template()
    {
        _tree.Write("tests/deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  hostPID: true
                  containers: [{name: app, image: busybox}]
            """);
        var (request, diagnostics, _) = Read("kubernetes: {file: deploy.yaml}");
        diagnostics.Should().BeEmpty();
        request!.Resource.Kind.Should().Be("Deployment");
        request.Sandbox.Namespaces.Pid.Should().Be(NamespaceSetting.Host("spec.template.spec.hostPID"));
    }

    [Fact]
    public void Kubernetes_AdmissionReview_file_is_decoded_as_the_webhook_does()
    {
        CopyInput("pod-create-hostnetwork.admissionreview.json");
        var (request, diagnostics, _) = Read("kubernetes: {file: inputs/pod-create-hostnetwork.admissionreview.json}");
        diagnostics.Should().BeEmpty();
        request!.Sandbox.Namespaces.Network.IsHost.Should().BeTrue();
        request.Subject.User.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Kubernetes_kind_the_webhook_ignores_is_an_error()
    {
        var (request, diagnostics, file) = Read("kubernetes: {apiVersion: v1, kind: Service, metadata: {name: s}}");
        request.Should().BeNull();
        var d = diagnostics.Should().ContainSingle().Subject;
        (d.File, d.Line).Should().Be((file, 9));
        d.Message.Should().Contain("kind 'Service' is not a workload the webhook judges");
    }

    [Fact]
    public void Oci_config_without_a_network_namespace_is_host_network_on_any_machine()
    {
        var (request, diagnostics, _) = Read("""
            oci:
              ociVersion: 1.0.2
              process: {user: {uid: 0, gid: 0}, args: [sh]}
              root: {path: rootfs}
              linux:
                namespaces: [{type: pid}, {type: ipc, path: /proc/1/ns/ipc}, {type: uts, path: /var/run/netns/other}, {type: mount}]
                maskedPaths: [/proc/kcore]
            """);
        diagnostics.Should().BeEmpty();
        request!.Surface.Should().Be(Surface.Oci);
        var ns = request.Sandbox.Namespaces;
        ns.Network.Should().Be(NamespaceSetting.Host("linux.namespaces"));
        ns.Pid.IsHost.Should().BeFalse();
        ns.Ipc.Should().Be(NamespaceSetting.Host("linux.namespaces[1].path"), "pid 1's namespace is the host's on the neutral host");
        ns.Uts.Mode.Should().Be(NamespaceMode.Container);
    }

    [Fact]
    public void Oci_container_id_marks_the_engines_own_mounts()
    {
        CopyInput("docker-net-host.config.json");
        var (withoutId, _, _) = Read("oci: {file: inputs/docker-net-host.config.json}");
        var (withId, diagnostics, _) = Read("oci: {file: inputs/docker-net-host.config.json, id: 8b2a6348077868c262d38585e13ed2641e8c46aa7b5b434874fb6118bc3870d4}");
        diagnostics.Should().BeEmpty();
        withId!.Sandbox.Namespaces.Network.IsHost.Should().BeTrue("Docker's netns/default is the host network");
        // The hook leaves the engine's own files (/var/lib/docker/containers/<id>/hosts ...) out of the model;
        // with another id they are just host bind mounts.
        withId.Containers.Single().Mounts.Should().NotContain(m => m.Source.StartsWith("/var/lib/docker/containers/", StringComparison.Ordinal));
        withoutId!.Containers.Single().Mounts.Should().Contain(m => m.Source.StartsWith("/var/lib/docker/containers/", StringComparison.Ordinal));
    }

    [Fact]
    public void Oci_field_of_the_wrong_type_is_an_error_naming_the_field()
    {
        var (request, diagnostics, file) = Read("oci: {ociVersion: 1.0.2, process: {noNewPrivileges: sometimes}}");
        request.Should().BeNull();
        var d = diagnostics.Should().ContainSingle().Subject;
        (d.File, d.Line).Should().Be((file, 9));
        d.Message.Should().Contain("not valid OCI JSON").And.Contain("noNewPrivileges");
    }

    [Fact]
    public void Shipped_policy_tests_with_native_inputs_pass()
    {
        var run = CliRun.Of("policy", "test", Repository.PathOf("policies"), "--output", "json");
        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Out.Should().Contain("docker: AuthZReq captured from dockerd").And.Contain("oci: a hardened config.json written inline");
    }
}
