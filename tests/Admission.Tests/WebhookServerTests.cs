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
    public async Task Garbage_without_uid_is_400_and_oversized_body_is_413()
    {
        await using var hook = await RunningWebhook.StartAsync(maxBody: 16 * 1024);
        using var client = hook.Client();
        (await client.PostAsync("/validate", new StringContent("{]"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var big = new byte[64 * 1024];
        Array.Fill(big, (byte)' ');
        (await client.PostAsync("/validate", new ByteArrayContent(big))).StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
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
