using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DockerGuard.Admission.Hosting;

/// <summary>Paths of a generated CA and serving pair.</summary>
public sealed record CertificateFiles(string CaCert, string Cert, string Key);

/// <summary>
/// A throwaway CA and a serving certificate signed by it (ECDSA P-256, as Kubewarden's chart uses),
/// for <c>webhook serve --self-signed</c> and <c>webhook manifests</c>. The CA bundle is what
/// <c>clientConfig.caBundle</c> needs; the CA key is not kept.
/// </summary>
public static class SelfSignedCertificates
{
    /// <summary>DNS names a webhook Service answers to, plus loopback for local runs.</summary>
    public static IReadOnlyList<string> ServiceNames(string service, string ns) =>
        [service, $"{service}.{ns}", $"{service}.{ns}.svc", $"{service}.{ns}.svc.cluster.local", "localhost"];

    public static (string CaPem, string CertPem, string KeyPem) Generate(IEnumerable<string> dnsNames, TimeSpan validity, TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caReq = new CertificateRequest("CN=dockerguard-webhook-ca", caKey, HashAlgorithmName.SHA256);
        caReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caReq.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caReq.PublicKey, false));
        using var ca = caReq.CreateSelfSigned(now.AddMinutes(-5), now + validity);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var names = dnsNames.ToList();
        var req = new CertificateRequest($"CN={names.FirstOrDefault() ?? "dockerguard"}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var n in names) san.AddDnsName(n);
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        san.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        req.CertificateExtensions.Add(san.Build());
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var cert = req.Create(ca, now.AddMinutes(-5), now + validity - TimeSpan.FromMinutes(1), serial);
        return (ca.ExportCertificatePem(), cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Writes ca.crt, tls.crt and tls.key (0600) into <paramref name="directory"/>.</summary>
    public static CertificateFiles WriteTo(string directory, IEnumerable<string> dnsNames, TimeSpan validity)
    {
        Directory.CreateDirectory(directory);
        var (caPem, certPem, keyPem) = Generate(dnsNames, validity);
        var files = new CertificateFiles(Path.Combine(directory, "ca.crt"), Path.Combine(directory, "tls.crt"), Path.Combine(directory, "tls.key"));
        File.WriteAllText(files.CaCert, caPem);
        File.WriteAllText(files.Cert, certPem);
        File.WriteAllText(files.Key, keyPem);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(files.Key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return files;
    }
}
