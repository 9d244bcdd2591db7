using System.Globalization;

namespace Grid.Benchmarks.Macro;

/// <summary>What the "1% changed" snapshot changed.</summary>
internal sealed record OnePercentEdit(int Renamed, int Moved, int Disabled, int Removed, int Added, int DepartmentsRenamed)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Renamed} renamed, {Moved} moved, {Disabled} disabled, {Removed} removed, {Added} added, {DepartmentsRenamed} departments renamed");
}
