using Grid.Host;
using Microsoft.Extensions.Options;

try
{
    var app = GridApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    // Configuration mistakes are the operator's to fix: say what to change, without a stack trace.
    await Console.Error.WriteLineAsync("Grid cannot start: invalid configuration.");
    foreach (var failure in ex.Failures)
    {
        await Console.Error.WriteLineAsync($"  - {failure}");
    }

    return 2;
}
