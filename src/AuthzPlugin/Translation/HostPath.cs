namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// A host path as the kernel will mount it: Go path.Clean, then symlinks resolved on this host
/// (the plugin runs on the daemon's host), so <c>/var/run/docker.sock</c> is seen as
/// <c>/run/docker.sock</c> and a link to <c>/etc</c> as <c>/etc</c> (moby#36020). Components that do
/// not exist yet (dockerd creates missing bind sources) are kept as written.
/// </summary>
public static class HostPath
{
    public static string Clean(string path)
    {
        if (path.Length == 0) return ".";
        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var seg in path.Split('/'))
        {
            if (seg.Length == 0 || seg == ".") continue;
            if (seg == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
                else if (!rooted) parts.Add("..");
                continue;
            }
            parts.Add(seg);
        }
        var joined = string.Join('/', parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    /// <summary>Cleans and resolves symlinks component by component (bounded, so a link loop cannot hang a request).</summary>
    public static string Resolve(string path)
    {
        var clean = Clean(path);
        if (!clean.StartsWith('/')) return clean;
        var pending = new Queue<string>(clean.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var current = "/";
        var hops = 0;
        while (pending.Count > 0)
        {
            var seg = pending.Dequeue();
            if (seg == "..") { current = Parent(current); continue; }
            var next = current == "/" ? "/" + seg : current + "/" + seg;
            string? target = null;
            try { target = new FileInfo(next).LinkTarget; }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            if (target is null || ++hops > 40) { current = next; continue; }
            var rest = pending.ToArray();
            pending.Clear();
            var resolvedTarget = target.StartsWith('/') ? target : (current == "/" ? "/" : current + "/") + target;
            foreach (var s in Clean(resolvedTarget).Split('/', StringSplitOptions.RemoveEmptyEntries)) pending.Enqueue(s);
            foreach (var s in rest) pending.Enqueue(s);
            current = "/";
        }
        return current;
    }

    private static string Parent(string p)
    {
        var i = p.LastIndexOf('/');
        return i <= 0 ? "/" : p[..i];
    }
}
