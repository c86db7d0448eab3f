// The CLI embeds Linux-only surfaces (Docker plugin and OCI hook translators).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
