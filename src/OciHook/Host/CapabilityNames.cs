namespace DockerGuard.OciHook.Host;

/// <summary>Capability numbers to names (include/uapi/linux/capability.h, up to CAP_CHECKPOINT_RESTORE = 40).</summary>
public static class CapabilityNames
{
    private static readonly string[] ByNumber =
    [
        "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID",
        "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW",
        "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT",
        "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD",
        "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG",
        "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF", "CHECKPOINT_RESTORE",
    ];

    /// <summary>Names of the bits set in a /proc/&lt;pid&gt;/status capability mask; bits the table does not know are named by number.</summary>
    public static IReadOnlySet<string> FromMask(ulong mask)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var bit = 0; bit < 64; bit++)
            if ((mask & (1UL << bit)) != 0)
                names.Add(bit < ByNumber.Length ? ByNumber[bit] : $"{bit}");
        return names;
    }
}
