namespace Grid.Abstractions.Auth;

/// <summary>
/// What <see cref="IServiceClientGrain.Issue"/> did: the client's new secret, and whether the client already existed
/// for the request (a retry: the secret was replaced). <see cref="ToString"/> leaves the secret out.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.requested-service-client")]
public sealed record RequestedServiceClient([property: Id(0)] string Secret, [property: Id(1)] bool Reissued)
{
    public override string ToString() => $"RequestedServiceClient {{ Reissued = {Reissued}, Secret = (redacted) }}";
}
