// The dockerguard CLI serves Docker's unix-socket plugin protocol and is Linux-only; so are its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
