namespace Grid.Sync.Mapping;

/// <summary>Sends and stores <see cref="FieldValues"/> (a plan step's mapped fields) as its two arrays.</summary>
[RegisterConverter]
public sealed class FieldValuesConverter : IConverter<FieldValues, FieldValuesSurrogate>
{
    /// <inheritdoc/>
    public FieldValues ConvertFromSurrogate(in FieldValuesSurrogate surrogate) => new(surrogate.Names, surrogate.Values);

    /// <inheritdoc/>
    public FieldValuesSurrogate ConvertToSurrogate(in FieldValues value) => new(value.Names, value.ValueArray);
}
