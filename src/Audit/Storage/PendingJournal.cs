using System.Buffers;
using System.Text;
using System.Text.Json;
using DockerGuard.Audit.Records;

namespace DockerGuard.Audit.Storage;

/// <summary>
/// The SQLite store's pending journal: record and completion lines (the spill-file format) appended
/// in one <c>write</c> per group commit, read back in order by the indexer, truncated once everything
/// in it is in the database. One process owns it at a time (an flock on <see cref="LockPath"/>, dropped
/// by the kernel when the owner dies), so its lines are in answer order and no one else appends.
/// </summary>
internal sealed class PendingJournal : IDisposable
{
    /// <summary>The largest line the reader looks for an end in; a record is a few kilobytes.</summary>
    private const int MaxLineBytes = 16 << 20;
    /// <summary>About four thousand records: one indexing transaction, large enough to be cheap per record (1 MB chunks cost 40% more CPU per record).</summary>
    private const int ReadChunkBytes = 4 << 20;
    private readonly Lock _appendGate = new();
    private readonly bool _fullSync;
    private FileStream? _lock;
    private FileStream? _append;
    // Kept here, never asked of the file: an fstat marks the inode's times as seen, and on ext4 (multigrain
    // timestamps) the next write must then update them through the filesystem journal, which can wait
    // milliseconds behind SQLite's fsyncs.
    private long _length;
    // Reused between reads (one reader: the indexer's gate): a fresh 4 MB array per pass would be a large-object
    // allocation each time, and gen2 collections under load.
    private byte[] _readBuffer = [];
    private ArrayBufferWriter<byte> _line = new(64 * 1024);
    private readonly Utf8JsonWriter _json = new(Stream.Null);

    public PendingJournal(string databasePath, bool fullSync)
    {
        Path = databasePath + "-pending.jsonl";
        _fullSync = fullSync;
    }

    public string Path { get; }
    public string LockPath => Path + ".lock";
    public string RejectedPath => Path + ".rejected";
    public bool Owned => _append is not null;

    /// <summary>Every append is fsync'd (<c>synchronous=FULL</c>).</summary>
    public bool FullSync => _fullSync;

    /// <summary>
    /// Takes the journal if no other process holds it; idempotent. A journal left by a killed owner is
    /// kept for the indexer, minus a last line its write did not finish (that decision was never answered).
    /// </summary>
    public bool TryOwn()
    {
        if (_append is not null) return true;
        lock (_appendGate)
        {
            if (_append is not null) return true;
            FileStream held;
            try
            {
                held = new FileStream(LockPath, PrivateFile.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false; // another live process owns it, or this one may not write here (a read-only user)
            }
            try
            {
                var append = new FileStream(Path, PrivateFile.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0));
                DropUnfinishedLine(append);
                _length = append.Seek(0, SeekOrigin.End);
                (_lock, _append) = (held, append);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                held.Dispose();
                return false; // the journal cannot be opened here: the store writes straight to the database
            }
        }
    }

    /// <summary>Appends a batch in one write; durable against a killed process on return (and against power loss when full sync).</summary>
    public void Append(IReadOnlyList<DecisionRecord> records, IReadOnlyList<Completion> completions)
    {
        lock (_appendGate)
        {
            var file = _append ?? throw new InvalidOperationException("the pending journal is not owned by this process");
            // One buffer and writer reused under the lock: a batch of a hundred records is past the large-object
            // threshold, and a fresh buffer per commit meant gen2 collections under load.
            _line.Clear();
            _json.Reset(_line);
            foreach (var r in records) WriteLine(new SpillLine(r, null));
            foreach (var c in completions) WriteLine(new SpillLine(null, c));
            file.Write(_line.WrittenSpan);
            _length += _line.WrittenCount;
            file.Flush(flushToDisk: _fullSync);
            if (_line.Capacity > 1 << 20) _line = new ArrayBufferWriter<byte>(64 * 1024); // do not keep a rare huge batch's buffer
        }
    }

    private void WriteLine(SpillLine line)
    {
        JsonSerializer.Serialize(_json, line, RecordJson.Default.SpillLine);
        _json.Flush();
        _json.Reset(_line);
        _line.Write("\n"u8);
    }

    /// <summary>
    /// The complete lines from <paramref name="offset"/>, up to about 4 MB of them, and how many bytes they
    /// take. Lines that do not parse are copied to <see cref="RejectedPath"/> and skipped, never dropped silently.
    /// </summary>
    public (List<SpillLine> Lines, int Bytes) Read(long offset)
    {
        // Through the appending handle and the length kept here: no open or fstat of the file per read (see _length).
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        long available;
        lock (_appendGate)
        {
            handle = (_append ?? throw new InvalidOperationException("the pending journal is not owned by this process")).SafeFileHandle;
            available = _length - offset;
        }
        if (available <= 0) return ([], 0);
        var want = (int)Math.Min(available, ReadChunkBytes);
        if (_readBuffer.Length < want) _readBuffer = new byte[Math.Max(want, Math.Min(ReadChunkBytes, _readBuffer.Length * 2))];
        var buffer = _readBuffer;
        var read = ReadAt(handle, buffer, 0, offset, want);
        if (read == 0) return ([], 0);
        var end = Array.LastIndexOf(buffer, (byte)'\n', read - 1);
        while (end < 0 && read < available && read < MaxLineBytes)
        {
            // One line longer than the chunk: read on until it ends.
            Array.Resize(ref buffer, (int)Math.Min(available, Math.Min(MaxLineBytes, Math.Max(want, buffer.Length) * 2L)));
            _readBuffer = buffer;
            want = buffer.Length;
            read += ReadAt(handle, buffer, read, offset + read, want - read);
            end = Array.LastIndexOf(buffer, (byte)'\n', read - 1);
        }
        if (end < 0)
        {
            if (read < MaxLineBytes) return ([], 0); // the last line is still being written (or was cut by a kill)
            end = read - 1; // no line is this long: keep it aside and go on
        }
        var lines = new List<SpillLine>();
        for (var from = 0; from <= end;)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', from, end + 1 - from);
            var stop = newline < 0 ? end + 1 : newline;
            if (stop > from)
            {
                if (SpillLineParser.Parse(buffer.AsSpan(from, stop - from), out var reason) is { } line) lines.Add(line);
                else
                {
                    RejectedLines.Append(RejectedPath, [$"{Path}@{offset + from}: {reason}", Encoding.UTF8.GetString(buffer, from, stop - from)]);
                }
            }
            from = stop + 1;
        }
        return (lines, end + 1);
    }

    /// <summary>Empties the journal when everything in it (<paramref name="indexed"/> bytes) is in the database and it has grown past <paramref name="atLeast"/>.</summary>
    public bool TruncateIfCaughtUp(long indexed, long atLeast)
    {
        lock (_appendGate)
        {
            if (_append is null || indexed < atLeast || _length != indexed) return false;
            _append.SetLength(0);
            _append.Seek(0, SeekOrigin.Begin);
            _length = 0;
            return true;
        }
    }

    /// <summary>Read without the lock (a 64-bit read is atomic; it only changes under the lock): asked on every write.</summary>
    public long Length => Volatile.Read(ref _length);

    private static int ReadAt(Microsoft.Win32.SafeHandles.SafeFileHandle handle, byte[] buffer, int at, long offset, int count)
    {
        var total = 0;
        while (total < count)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(at + total, count - total), offset + total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    private static void DropUnfinishedLine(FileStream file)
    {
        var length = file.Length;
        if (length == 0) return;
        var tail = new byte[(int)Math.Min(length, MaxLineBytes)];
        file.Seek(length - tail.Length, SeekOrigin.Begin);
        var read = file.ReadAtLeast(tail, tail.Length, throwOnEndOfStream: false);
        var last = Array.LastIndexOf(tail, (byte)'\n', read - 1);
        if (last == read - 1) return;
        file.SetLength(last < 0 ? length - read : length - read + last + 1);
    }

    /// <summary>Gives the journal up (its content stays for the next owner).</summary>
    public void Release()
    {
        lock (_appendGate)
        {
            _append?.Dispose();
            _append = null;
            _lock?.Dispose();
            _lock = null;
            _length = 0;
        }
    }

    public void Dispose()
    {
        Release();
        _json.Dispose();
    }
}
