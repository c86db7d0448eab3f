// The plugin it drives is Linux only (unix sockets, /proc for RSS).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
