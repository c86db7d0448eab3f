// Docker's authorization plugins are unix sockets under /run/docker/plugins: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
