using DockerGuard.Admission.Hosting;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Admission.Tests.Support;

/// <summary>The real webhook on loopback HTTPS with a fresh self-signed CA in a temp dir; removed on dispose.</summary>
public sealed class RunningWebhook : IAsyncDisposable
{
    private RunningWebhook(WebhookServer server, string dir, CertificateFiles files)
    {
        Server = server;
        Dir = dir;
        Files = files;
    }

    public WebhookServer Server { get; }
    public string Dir { get; }
    public CertificateFiles Files { get; }
    public Uri Address => Server.Address;

    public static async Task<RunningWebhook> StartAsync(PolicyStore? store = null, long maxBody = 4 * 1024 * 1024)
    {
        var dir = Directory.CreateTempSubdirectory("dg-webhook-").FullName;
        try
        {
            var files = SelfSignedCertificates.WriteTo(dir, ["localhost"], TimeSpan.FromDays(1));
            var options = new WebhookOptions { Address = System.Net.IPAddress.Loopback, Port = 0, CertFile = files.Cert, KeyFile = files.Key, MaxBodyBytes = maxBody };
            var server = await WebhookServer.StartAsync(options, store ?? Engine.Defaults(), NoDecisionAudit.Instance);
            return new RunningWebhook(server, dir, files);
        }
        catch
        {
            Directory.Delete(dir, true);
            throw;
        }
    }

    /// <summary>An HttpClient that trusts only this webhook's CA, as the apiserver does with caBundle.</summary>
    public HttpClient Client(System.Security.Authentication.SslProtocols protocols = System.Security.Authentication.SslProtocols.None)
    {
        var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Files.CaCert));
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                EnabledSslProtocols = protocols,
                CertificateChainPolicy = new System.Security.Cryptography.X509Certificates.X509ChainPolicy
                {
                    TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { ca },
                    RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{Address.Port}") };
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Dir, true);
    }
}
