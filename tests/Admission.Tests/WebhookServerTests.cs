using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using DockerGuard.Admission.Hosting;
using DockerGuard.Admission.Tests.Support;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.Admission.Tests;

/// <summary>The real Kestrel server over real TLS on loopback (no kube-apiserver can run here; HttpClient plays its part).</summary>
public class WebhookServerTests
{
    private static StringContent Json(byte[] body) => new(System.Text.Encoding.UTF8.GetString(body), System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task Validate_answers_a_fixture_over_tls()
    {
        await using var hook = await RunningWebhook.StartAsync(Engine.With(("privileged", RuleAction.Deny)));
        using var client = hook.Client();
        var response = await client.PostAsync("/validate?timeout=10s", Json(Fixture.Bytes("pod-create-privileged")));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var r = Envelope.Verify(await response.Content.ReadAsByteArrayAsync(), Envelope.Uid("pod-create-privileged"));
        r.GetProperty("allowed").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Health_and_readiness()
    {
        await using var hook = await RunningWebhook.StartAsync();
        using var client = hook.Client();
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_undecodable_object_is_answered_over_tls_with_a_denying_review()
    {
        await using var hook = await RunningWebhook.StartAsync();
        using var client = hook.Client();
        var body = Fixture.WithObject("pod-create-ordinary", o => o["spec"] = new System.Text.Json.Nodes.JsonObject { ["containers"] = "not a list" });
        var response = await client.PostAsync("/validate?timeout=5s", Json(body));
        response.StatusCode.Should().Be(HttpStatusCode.OK, "a non-200 or malformed answer is a webhook failure, which Ignore turns into an allow");
        var r = Envelope.Verify(await response.Content.ReadAsByteArrayAsync(), Envelope.Uid("pod-create-ordinary"));
        r.GetProperty("allowed").GetBoolean().Should().BeFalse();
        r.GetProperty("status").GetProperty("message").GetString().Should().Contain("cannot decode Pod object");
        r.GetProperty("auditAnnotations").GetProperty("decision").GetString().Should().Be("deny");
    }

    [Fact]
    public async Task Readiness_fails_once_the_serving_certificate_has_expired()
    {
        var dir = Directory.CreateTempSubdirectory("dg-webhook-expired-").FullName;
        try
        {
            // Issued 10 days ago for 2 days: expired, yet loadable, as a certificate nobody rotated.
            var (_, cert, key) = SelfSignedCertificates.Generate(["localhost"], TimeSpan.FromDays(2), new PastTime(TimeSpan.FromDays(10)));
            var files = new CertificateFiles(Path.Combine(dir, "ca.crt"), Path.Combine(dir, "tls.crt"), Path.Combine(dir, "tls.key"));
            await File.WriteAllTextAsync(files.Cert, cert);
            await File.WriteAllTextAsync(files.Key, key);
            var options = new WebhookOptions { Address = IPAddress.Loopback, Port = 0, CertFile = files.Cert, KeyFile = files.Key };
            await using var server = await WebhookServer.StartAsync(options, Engine.Defaults(), NoDecisionAudit.Instance);
            using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };
            using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{server.Address.Port}") };
            (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
            var ready = await client.GetAsync("/readyz");
            ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await ready.Content.ReadAsStringAsync()).Should().Contain("expired");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private sealed class PastTime(TimeSpan ago) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() - ago;
    }

    [Fact]
    public async Task Garbage_without_uid_is_400_and_oversized_body_is_413()
    {
        await using var hook = await RunningWebhook.StartAsync(maxBody: 16 * 1024);
        using var client = hook.Client();
        (await client.PostAsync("/validate", new StringContent("{]"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var big = new byte[64 * 1024];
        Array.Fill(big, (byte)' ');
        using var oversized = new HttpRequestMessage(HttpMethod.Post, "/validate") { Content = new ByteArrayContent(big) };
        // The server refuses on Content-Length and closes the connection: a client still writing the body can see the
        // close (broken pipe) before it reads the 413. Announcing the body first (Expect: 100-continue) lets the
        // client read the refusal instead of sending into a closed connection.
        oversized.Headers.ExpectContinue = true;
        (await client.SendAsync(oversized)).StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Tls_12_and_13_are_served(SslProtocols protocol)
    {
        await using var hook = await RunningWebhook.StartAsync();
        var (_, negotiated) = await HandshakeAsync(hook, protocol);
        negotiated.Should().Be(protocol);
    }

    [Fact]
    public async Task Tls_11_is_refused()
    {
        await using var hook = await RunningWebhook.StartAsync();
#pragma warning disable SYSLIB0039 // deliberately offering an obsolete protocol
        var act = () => HandshakeAsync(hook, SslProtocols.Tls11);
#pragma warning restore SYSLIB0039
        await act.Should().ThrowAsync<Exception>();
    }

    [Fact]
    public async Task Rotated_certificate_files_are_served_on_the_next_handshake_without_restart()
    {
        await using var hook = await RunningWebhook.StartAsync();
        var (before, _) = await HandshakeAsync(hook, SslProtocols.Tls13);

        // Write the new pair the way a Secret volume update lands: new files, then rename over the old.
        var fresh = SelfSignedCertificates.WriteTo(Path.Combine(hook.Dir, "next"), ["localhost"], TimeSpan.FromDays(2));
        File.Move(fresh.Key, hook.Files.Key, overwrite: true);
        File.Move(fresh.Cert, hook.Files.Cert, overwrite: true);
        File.Move(fresh.CaCert, hook.Files.CaCert, overwrite: true);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string after;
        do
        {
            await Task.Delay(200);
            (after, _) = await HandshakeAsync(hook, SslProtocols.Tls13, trustAny: true);
        }
        while (after == before && DateTime.UtcNow < deadline);
        after.Should().NotBe(before);
        after.Should().Be(X509Certificate2.CreateFromPem(File.ReadAllText(hook.Files.Cert)).Thumbprint);

        // And the new CA bundle validates it end to end.
        using var client = hook.Client();
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_broken_rotation_keeps_the_working_certificate()
    {
        await using var hook = await RunningWebhook.StartAsync();
        var (before, _) = await HandshakeAsync(hook, SslProtocols.Tls13);
        await File.WriteAllTextAsync(hook.Files.Key, "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n");
        hook.Server.Certificate.Refresh().Should().BeFalse();
        hook.Server.Certificate.LastReloadError.Should().NotBeNull();
        var (after, _) = await HandshakeAsync(hook, SslProtocols.Tls13);
        after.Should().Be(before);
    }

    /// <summary>A raw TLS handshake: returns the served certificate's thumbprint and the protocol negotiated.</summary>
    private static async Task<(string Thumbprint, SslProtocols Protocol)> HandshakeAsync(RunningWebhook hook, SslProtocols protocol, bool trustAny = false)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, hook.Address.Port);
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(hook.Files.CaCert));
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, cert, chain, errors) =>
        {
            if (trustAny) return true;
            using var c = new X509Chain();
            c.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            c.ChainPolicy.CustomTrustStore.Add(ca);
            c.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return c.Build(new X509Certificate2(cert!));
        });
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", EnabledSslProtocols = protocol });
        return (new X509Certificate2(ssl.RemoteCertificate!).Thumbprint, ssl.SslProtocol);
    }
}
