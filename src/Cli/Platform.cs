// The CLI embeds the Docker plugin's and the OCI hook's translators (policy test inputs), both Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
