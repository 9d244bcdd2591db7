using Grid.Abstractions;
using Grid.Abstractions.Directory;

namespace Grid.Grains.Directory;

/// <summary>
/// Checks what a caller asks of an organization and returns it in the form the organization stores (trimmed, empty
/// as null); throws InvalidArgument naming the field otherwise. Whether a parent exists is the grain's to ask.
/// </summary>
internal static class OrganizationValidation
{
    /// <summary>The parent of a new organization: none for the root, a valid id other than its own for any other.</summary>
    public static string? Parent(string organizationId, string? parentId)
    {
        var isRoot = organizationId == GridKeys.RootOrganizationId;
        var parent = string.IsNullOrEmpty(parentId) ? null : parentId;
        if (isRoot != (parent is null))
        {
            throw GridException.Invalid(
                "parent_id", isRoot ? "the root organization has no parent" : "required (the root is created with the tenant)");
        }

        if (parent is not null)
        {
            GridKeys.ValidateId(parent, "parent_id");
            if (parent == organizationId)
            {
                throw GridException.Invalid("parent_id", "an organization cannot be its own parent");
            }
        }

        return parent;
    }

    public static string Name(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length is 0 or > 128
            ? throw GridException.Invalid("name", "required, at most 128 characters")
            : trimmed;
    }

    public static string? Code(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var trimmed = code.Trim();
        return trimmed.Length > 64 ? throw GridException.Invalid("code", "at most 64 characters") : trimmed;
    }

    public static ExternalId? ExternalId(ExternalId? externalId)
    {
        if (externalId is null)
        {
            return null;
        }

        if (UniqueValues.IsEmpty(externalId.Source) || UniqueValues.IsEmpty(externalId.Value))
        {
            throw GridException.Invalid("external_id", "needs a source and a value");
        }

        return new ExternalId(externalId.Source.Trim(), externalId.Value.Trim());
    }
}
