using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace DockerGuard.Audit.Tests.Support;

/// <summary>
/// A real PostgreSQL 15 (Debian's packages) in a temp dir: initdb, pg_ctl start on a free
/// loopback port with its socket dir inside the temp dir, torn down in Dispose. PostgreSQL refuses
/// to run as root, so the server runs as the OS user <c>postgres</c> (created by the package).
/// Missing binaries fail the tests loudly: CI installs them with .ci/install-deps.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string BinDir = "/usr/lib/postgresql/15/bin";
    private readonly string _root;
    private int _databases;

    public PostgresServer()
    {
        if (!File.Exists(Path.Combine(BinDir, "pg_ctl")))
            throw new InvalidOperationException($"PostgreSQL 15 binaries not found in {BinDir}: run .ci/install-deps (installs Debian's postgresql package)");
        _root = Directory.CreateTempSubdirectory("dg-pg-").FullName;
        Port = FreePort();
        Run("chown", "postgres", _root);
        AsPostgres("initdb", "-D", DataDir, "-A", "trust", "-U", "postgres", "--locale=C", "-E", "UTF8", "--no-sync");
        Start();
    }

    public int Port { get; }
    private string DataDir => Path.Combine(_root, "data");

    /// <summary>A URL of the form operators write; each call makes a fresh database so tests do not share rows.</summary>
    public string NewDatabaseUrl()
    {
        var name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..20];
        using (var conn = new NpgsqlConnection(AdminConnectionString))
        {
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            cmd.ExecuteNonQuery();
        }
        return $"postgres://postgres@127.0.0.1:{Port}/{name}";
    }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    /// <summary>How long start-up may take before the tests give up; generous because CI machines are shared.</summary>
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Starts the server and returns once a real connection succeeds. <c>pg_ctl -w</c> alone is not
    /// enough: under load a connection made right after it can still get 57P03 ("the database system
    /// is starting up / not yet accepting connections"), so we poll until a query runs or the deadline passes.
    /// </summary>
    public void Start()
    {
        AsPostgres("pg_ctl", "-D", DataDir, "-l", Path.Combine(_root, "log"), "-w", "-t", ((int)StartDeadline.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "-o",
            $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=on", "start");
        WaitUntilAcceptingConnections(AdminConnectionString, StartDeadline, Path.Combine(_root, "log"));
    }

    internal static void WaitUntilAcceptingConnections(string connectionString, TimeSpan deadline, string? logFile = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                using var conn = new NpgsqlConnection(connectionString);
                conn.Open();
                using var cmd = new NpgsqlCommand("SELECT 1", conn);
                cmd.ExecuteScalar();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or IOException or TimeoutException)
            {
                if (stopwatch.Elapsed > deadline)
                {
                    var log = logFile is not null && File.Exists(logFile) ? File.ReadAllText(logFile) : "";
                    throw new InvalidOperationException($"PostgreSQL did not accept connections within {deadline.TotalSeconds:0} s: {e.Message}\n{log}", e);
                }
                NpgsqlConnection.ClearAllPools();
                Thread.Sleep(delay);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
            }
        }
    }

    /// <summary>Immediate shutdown: connections drop as if the server had crashed.</summary>
    public void Stop()
    {
        AsPostgres("pg_ctl", "-D", DataDir, "-m", "immediate", "-w", "stop");
        NpgsqlConnection.ClearAllPools();
    }

    public void Dispose()
    {
        try { if (File.Exists(Path.Combine(DataDir, "postmaster.pid"))) Stop(); }
        finally
        {
            try { Directory.Delete(_root, true); } catch (IOException) { }
        }
    }

    private void AsPostgres(string tool, params string[] args) => Run("runuser", ["-u", "postgres", "--", Path.Combine(BinDir, tool), .. args]);

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr}{stdout.Result}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
