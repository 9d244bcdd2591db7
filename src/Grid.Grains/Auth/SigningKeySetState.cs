namespace Grid.Grains.Auth;

[GenerateSerializer, Alias("grid.signing-key-set-state")]
public sealed class SigningKeySetState
{
    [Id(0)]
    public List<SigningKeyRecord> Keys { get; set; } = [];
}
