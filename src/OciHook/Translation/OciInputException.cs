namespace DockerGuard.OciHook.Translation;

/// <summary>
/// The hook's input cannot be trusted to describe the container (unreadable, malformed, a namespace
/// path that does not resolve). The hook fails closed on it unless configured otherwise; the message
/// is one line that says what and where.
/// </summary>
public sealed class OciInputException(string message, Exception? inner = null) : Exception(message, inner);
