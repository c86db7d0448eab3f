using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DockerGuard.Admission.Hosting;

/// <summary>
/// The TLS certificate the webhook serves, read from a PEM certificate (chain) and PEM key file and
/// reloaded when their content changes, so rotation (cert-manager, a Secret update swapping the
/// <c>..data</c> symlink) needs no restart. Checked at most once per <see cref="CheckInterval"/> from
/// the handshake path; a pair that fails to load never replaces a working one.
/// </summary>
public sealed class ServingCertificate
{
    private readonly string _certPath;
    private readonly string _keyPath;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private X509Certificate2 _current;
    private byte[] _certBytes;
    private byte[] _keyBytes;
    private long _nextCheck;

    public ServingCertificate(string certPath, string keyPath, TimeProvider? time = null)
    {
        _certPath = certPath;
        _keyPath = keyPath;
        _time = time ?? TimeProvider.System;
        _certBytes = File.ReadAllBytes(certPath);
        _keyBytes = File.ReadAllBytes(keyPath);
        _current = Load(_certBytes, _keyBytes);
        _nextCheck = _time.GetTimestamp() + Ticks(CheckInterval);
    }

    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The last error of a reload attempt; null once a good pair is in place.</summary>
    public string? LastReloadError { get; private set; }

    /// <summary>The certificate for the next handshake (reloading first if the files changed).</summary>
    public X509Certificate2 Current
    {
        get
        {
            if (_time.GetTimestamp() >= Volatile.Read(ref _nextCheck)) Refresh();
            return Volatile.Read(ref _current);
        }
    }

    /// <summary>Re-reads the files now; returns true if a new certificate was loaded.</summary>
    public bool Refresh()
    {
        lock (_gate)
        {
            _nextCheck = _time.GetTimestamp() + Ticks(CheckInterval);
            try
            {
                var cert = File.ReadAllBytes(_certPath);
                var key = File.ReadAllBytes(_keyPath);
                if (cert.AsSpan().SequenceEqual(_certBytes) && key.AsSpan().SequenceEqual(_keyBytes)) return false;
                var loaded = Load(cert, key);
                (_certBytes, _keyBytes) = (cert, key);
                Volatile.Write(ref _current, loaded);
                LastReloadError = null;
                return true;
            }
            catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException)
            {
                // Mid-rotation (cert written, key not yet) or broken: keep serving the old pair.
                LastReloadError = e.Message;
                return false;
            }
        }
    }

    private static X509Certificate2 Load(byte[] cert, byte[] key)
    {
        using var pem = X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(cert), System.Text.Encoding.ASCII.GetString(key));
        // Re-import so the private key is a persisted PKCS#12 key SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}
