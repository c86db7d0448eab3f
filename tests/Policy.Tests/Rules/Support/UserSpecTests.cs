using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Tests.Rules.Support;

/// <summary>The user strings runc resolves to uid 0 (moby/sys/user GetExecUser), and near misses that it does not.</summary>
public class UserSpecTests
{
    [Theory]
    [InlineData("root")]
    [InlineData("0")]
    [InlineData("0:0")]
    [InlineData("root:root")]
    [InlineData("000")]
    [InlineData("0:1000")]
    [InlineData("root:nogroup")]
    [InlineData("+0")] // Go strconv.Atoi accepts a sign
    [InlineData("-0")]
    [InlineData("-000:5")]
    [InlineData(":1000")] // empty user part keeps the default uid, 0
    [InlineData(":")]
    public void Root_spellings_are_root(string spec) => UserSpec.IsRoot(spec).Should().BeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")] // image default: a policy decision, not a spelling of root
    [InlineData("1000")]
    [InlineData("1000:0")] // group root is not user root
    [InlineData("nobody:root")]
    [InlineData("Root")] // passwd names are case-sensitive
    [InlineData("rootless")]
    [InlineData("0x0")] // base 10 only: a name to runc
    [InlineData(" 0")] // Atoi takes no spaces: a name to runc
    [InlineData("+")]
    [InlineData("01")]
    [InlineData("٠")] // Arabic-Indic zero: not an ASCII digit
    public void Other_users_are_not_root(string? spec) => UserSpec.IsRoot(spec).Should().BeFalse();
}
