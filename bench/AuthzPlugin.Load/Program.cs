using DockerGuard.AuthzPlugin.Load;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

return options.Mode switch
{
    "serve" => await ServeMode.RunAsync(options),
    "null-plugin" => await NullPlugin.RunAsync(options),
    "kestrel-empty" => await KestrelFloor.RunAsync(options),
    "docker-compare" => await DockerCompare.RunAsync(options),
    "decide-only" => await DecideOnlyMode.RunAsync(options),
    _ => await LoadMode.RunAsync(options),
};
