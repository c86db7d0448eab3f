namespace DockerGuard.Audit.Records;

/// <summary>
/// ULID-shaped ids (26 Crockford base32 characters: 48-bit milliseconds, 80 random bits), so
/// text order is time order on every store and many hosts never collide. Within one millisecond
/// the random part is incremented, keeping ids from one process strictly increasing
/// (the ULID spec's monotonic mode). An id always encodes its record's time, even when the
/// clock steps back, so time ranges over ids stay exact.
/// </summary>
public static class DecisionId
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly Lock Gate = new();
    private static long _lastMs;
    private static UInt128 _lastRandom;

    public static string New(DateTimeOffset time)
    {
        var ms = time.ToUnixTimeMilliseconds();
        UInt128 random;
        lock (Gate)
        {
            if (ms == _lastMs)
            {
                random = ++_lastRandom & Mask80;
            }
            else
            {
                random = RandomBits() & Mask80 >> 1; // top bit clear: room to increment within the millisecond
                _lastMs = ms;
            }
            _lastRandom = random;
        }
        return Encode(ms, random);
    }

    /// <summary>
    /// 80 random bits from the OS's CSPRNG. Guid.NewGuid reads getrandom through the runtime's own native
    /// layer, while RandomNumberGenerator on Linux loads and seeds OpenSSL: about 4 ms of CPU in a process
    /// that records one decision and exits, such as the OCI hook (docs/performance.md). In a v4 GUID's byte
    /// layout, bytes 0-5 and 9-15 are wholly random (version and variant bits sit in bytes 6-8).
    /// </summary>
    private static UInt128 RandomBits()
    {
        Span<byte> g = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(g);
        ulong low = 0;
        for (var i = 0; i < 6; i++) low = (low << 8) | g[i];
        for (var i = 9; i < 11; i++) low = (low << 8) | g[i];
        ulong high = ((ulong)g[11] << 8) | g[12];
        return new UInt128(high, low);
    }

    /// <summary>The smallest id at <paramref name="time"/>: lets time filters use the primary key.</summary>
    public static string Floor(DateTimeOffset time) => Encode(Math.Max(0, time.ToUnixTimeMilliseconds()), 0);

    private static readonly UInt128 Mask80 = (UInt128.One << 80) - 1;

    private static string Encode(long ms, UInt128 random)
    {
        var value = ((UInt128)(ulong)ms << 80) | random;
        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(chars);
    }
}
