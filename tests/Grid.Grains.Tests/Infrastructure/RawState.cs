using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Grid.Grains.Tests.Infrastructure;

/// <summary>Reads a grain's state straight from the "grid" storage, as an operator with database access would.</summary>
public static class RawState
{
    public static async Task<T> ReadAsync<T>(ClusterFixture fixture, string stateName, IAddressable grain)
        where T : new()
    {
        var state = new GrainState<T>(new T());
        await fixture.Storage.ReadStateAsync(stateName, grain.GetGrainId(), state);
        return state.State ?? new T();
    }

    /// <summary>Whether the stored (serialized) form of <paramref name="state"/> contains <paramref name="text"/>.</summary>
    public static bool Contains<T>(ClusterFixture fixture, T state, string text)
    {
        var bytes = fixture.SiloServices.GetRequiredService<Serializer>().SerializeToArray(state);
        return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
    }
}
