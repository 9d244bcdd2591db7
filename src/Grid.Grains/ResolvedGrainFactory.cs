using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains;

/// <summary>
/// The silo's <see cref="IGrainFactory"/>, with each grain interface's grain type and interface type resolved once.
/// Orleans 10.4's factory resolves them on every <c>GetGrain</c> by reading the interface's custom attributes: a
/// profile of <c>scale</c>'s LookupAccount load found 8% of the silo's CPU there. A reference made here is the one
/// Orleans' factory makes for the same id (<see cref="IGrainFactory.GetGrain(GrainId, GrainInterfaceType)"/>, the path
/// of a deserialized reference); keys other than strings, class-name prefixes and observers go to Orleans' factory.
/// </summary>
internal sealed class ResolvedGrainFactory(IGrainFactory inner) : IGrainFactory
{
    private readonly ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)> _types = new();

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey
    {
        if (grainClassNamePrefix is not null)
        {
            return inner.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);
        }

        var (grain, grainInterface) = _types.GetOrAdd(typeof(TGrainInterface), Resolve);
        return (TGrainInterface)inner.GetGrain(GrainId.Create(grain, IdSpan.Create(primaryKey)), grainInterface);
    }

    // Orleans' own resolution, once per interface: a reference to any key carries both types.
    private (GrainType, GrainInterfaceType) Resolve(Type grainInterface)
    {
        var reference = (GrainReference)inner.GetGrain(grainInterface, IdSpan.Create("-"));
        return (reference.GrainId.Type, reference.InterfaceType);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey => inner.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey => inner.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey => inner.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey => inner.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix);

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => inner.CreateObjectReference<TGrainObserverInterface>(obj);

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => inner.DeleteObjectReference<TGrainObserverInterface>(obj);

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => inner.GetGrain(grainInterfaceType, grainPrimaryKey);

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => inner.GetGrain(grainInterfaceType, grainPrimaryKey);

    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => inner.GetGrain(grainInterfaceType, grainPrimaryKey);

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) =>
        inner.GetGrain(grainInterfaceType, grainPrimaryKey, keyExtension);

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) =>
        inner.GetGrain(grainInterfaceType, grainPrimaryKey, keyExtension);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable => inner.GetGrain<TGrainInterface>(grainId);

    public IAddressable GetGrain(GrainId grainId) => inner.GetGrain(grainId);

    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => inner.GetGrain(grainId, interfaceType);

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey, string grainClassNamePrefix) =>
        inner.GetGrain(interfaceType, grainKey, grainClassNamePrefix);

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey) => inner.GetGrain(interfaceType, grainKey);
}

/// <summary>Registers <see cref="ResolvedGrainFactory"/> in place of Orleans' <see cref="IGrainFactory"/>.</summary>
public static class ResolvedGrainFactoryExtensions
{
    /// <summary>
    /// Makes the silo's <see cref="IGrainFactory"/> (grains' <c>GrainFactory</c>, and every service that asks for one)
    /// resolve grain types once per interface. Call on the silo builder, after Orleans has registered its factory.
    /// </summary>
    public static ISiloBuilder UseResolvedGrainFactory(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var services = silo.Services;
        var orleans = services.LastOrDefault(d => d.ServiceType == typeof(IGrainFactory) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("Orleans has not registered its IGrainFactory yet.");
        services.Remove(orleans);
        services.AddSingleton<IGrainFactory>(provider => new ResolvedGrainFactory(Create(provider, orleans)));
        return silo;
    }

    private static IGrainFactory Create(IServiceProvider provider, ServiceDescriptor descriptor) =>
        (IGrainFactory)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.GetServiceOrCreateInstance(provider, descriptor.ImplementationType!));
}
