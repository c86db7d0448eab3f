using System.Collections.Immutable;
using DockerGuard.OciHook.Spec;
using DockerGuard.Policy.Model;

namespace DockerGuard.OciHook.Translation;

/// <summary>
/// linux.devices → host devices created in the container, with the access their cgroup rule grants;
/// linux.resources.devices allow rules that cover more than one device (no type, type "a", or a
/// wildcard major/minor) → device cgroup rules, written as Docker's <c>--device-cgroup-rule</c> is.
/// Single-device allow rules are the runtime's defaults (null, zero, tty…) or belong to a listed device.
/// </summary>
internal static class DeviceTranslation
{
    public static ImmutableArray<Device> Devices(OciLinux? linux)
    {
        var devices = linux?.Devices ?? [];
        var rules = linux?.Resources?.Devices ?? [];
        var result = ImmutableArray.CreateBuilder<Device>(devices.Count);
        for (var i = 0; i < devices.Count; i++)
        {
            var d = devices[i];
            var path = d.Path ?? "";
            result.Add(new Device(path, path, AccessFor(d, rules), $"linux.devices[{i}]"));
        }
        return result.MoveToImmutable();
    }

    public static ImmutableArray<Field<string>> WildcardRules(OciLinux? linux)
    {
        var rules = linux?.Resources?.Devices ?? [];
        var result = ImmutableArray.CreateBuilder<Field<string>>();
        for (var i = 0; i < rules.Count; i++)
            if (IsWildcardAllow(rules[i]))
                result.Add(Field.Of(Text(rules[i]), $"linux.resources.devices[{i}]"));
        return result.ToImmutable();
    }

    /// <summary>An allow rule with no type, major or minor admits every device: --privileged writes one (oci-hooks.md §3 item 5).</summary>
    public static bool IsAllowAll(OciDeviceRule r) =>
        r.Allow && r.Type is null or "a" && r.Major is null or -1 && r.Minor is null or -1;

    private static bool IsWildcardAllow(OciDeviceRule r) =>
        r.Allow && (r.Type is null or "a" || r.Major is null or -1 || r.Minor is null or -1);

    private static string Text(OciDeviceRule r) =>
        $"{r.Type ?? "a"} {Number(r.Major)}:{Number(r.Minor)} {r.Access ?? "rwm"}";

    private static string Number(long? n) => n is null or -1 ? "*" : n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The access of the last rule that matches the device (rules apply in order); "" when none allows it.</summary>
    private static string AccessFor(OciDevice d, List<OciDeviceRule> rules)
    {
        var access = "";
        foreach (var r in rules)
        {
            var matches = (r.Type is null or "a" || r.Type == d.Type) && (r.Major is null or -1 || r.Major == d.Major) && (r.Minor is null or -1 || r.Minor == d.Minor);
            if (matches) access = r.Allow ? r.Access ?? "rwm" : "";
        }
        return access;
    }
}
