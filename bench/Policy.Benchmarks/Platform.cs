// The fixture requests go through the Docker plugin's translators, which are Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
