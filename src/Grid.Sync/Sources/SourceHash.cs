namespace Grid.Sync.Sources;

/// <summary>Stable content hashes of source objects, for detecting unchanged members and departments cheaply.</summary>
public static class SourceHash
{
    /// <summary>The hash of every field of <paramref name="member"/> (extended attributes in name order).</summary>
    public static ContentHash Of(SourceMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new HashWriter().Hash(member);
    }

    /// <summary>The hash of every field of <paramref name="department"/>.</summary>
    public static ContentHash Of(SourceDepartment department)
    {
        ArgumentNullException.ThrowIfNull(department);
        return new HashWriter().Hash(department);
    }
}
