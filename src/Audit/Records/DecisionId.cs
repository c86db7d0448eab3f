using System.Security.Cryptography;

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
                Span<byte> bytes = stackalloc byte[16];
                RandomNumberGenerator.Fill(bytes);
                random = new UInt128(BitConverter.ToUInt64(bytes[..8]), BitConverter.ToUInt64(bytes[8..])) & Mask80 >> 1;
                _lastMs = ms;
            }
            _lastRandom = random;
        }
        return Encode(ms, random);
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
