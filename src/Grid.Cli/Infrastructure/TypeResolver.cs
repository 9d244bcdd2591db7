using Spectre.Console.Cli;

namespace Grid.Cli.Infrastructure;

/// <summary>Resolves Spectre's types from the built container and disposes it with the app.</summary>
internal sealed class TypeResolver(IServiceProvider provider) : ITypeResolver, IDisposable
{
    public object? Resolve(Type? type) => type is null ? null : provider.GetService(type);

    public void Dispose() => (provider as IDisposable)?.Dispose();
}
