using System.Globalization;
using System.Text;

namespace Grid.Abstractions.Directory;

/// <summary>
/// Normalization of unique account values, so that "A@B.c " and "a@b.c" or "+86 138-0013-8000" and "13800138000"
/// claim the same index entry.
/// </summary>
public static class UniqueValues
{
    /// <summary>The country code assumed for mobile numbers written without one (WeCom's home market).</summary>
    public const string DefaultCountryCode = "86";

    /// <summary>The snake_case name of a field, used in index keys and error messages.</summary>
    public static string FieldName(UniqueField field) => field switch
    {
        UniqueField.Username => "username",
        UniqueField.Email => "email",
        UniqueField.Mobile => "mobile",
        UniqueField.ExternalId => "external_id",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "unknown unique field"),
    };

    /// <summary>
    /// The normalized value, or null when <paramref name="raw"/> is empty or not a valid value of the field
    /// (use <see cref="IsEmpty"/> to tell the two apart).
    /// </summary>
    public static string? Normalize(UniqueField field, string? raw)
    {
        if (IsEmpty(raw))
        {
            return null;
        }

        var trimmed = raw!.Trim();
        return field switch
        {
            UniqueField.Username => NormalizeUsername(trimmed),
            UniqueField.Email => NormalizeEmail(trimmed),
            UniqueField.Mobile => NormalizeMobile(trimmed),
            UniqueField.ExternalId => NormalizeExternalId(trimmed),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "unknown unique field"),
        };
    }

    /// <summary>Whether a raw value counts as absent (null, empty or white space).</summary>
    public static bool IsEmpty(string? raw) => string.IsNullOrWhiteSpace(raw);

    private static string? NormalizeUsername(string value)
    {
        if (value.Length > 128 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return null;
        }

        return value.ToLowerInvariant();
    }

    private static string? NormalizeEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (value.Length > 254
            || at <= 0
            || at != value.LastIndexOf('@')
            || at == value.Length - 1
            || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return null;
        }

        return value.ToLowerInvariant();
    }

    private static string? NormalizeMobile(string value)
    {
        var international = value.StartsWith('+');
        var digits = new StringBuilder(value.Length);
        foreach (var c in international ? value.AsSpan(1) : value.AsSpan())
        {
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.'))
            {
                return null;
            }
        }

        var number = digits.ToString();
        if (!international)
        {
            if (number.StartsWith("00", StringComparison.Ordinal))
            {
                number = number[2..];
            }
            else if (number.Length == 13 && number.StartsWith(DefaultCountryCode + "1", StringComparison.Ordinal))
            {
                // Already carries the default country code, written without '+'.
            }
            else
            {
                number = DefaultCountryCode + number;
            }
        }

        // E.164 allows at most 15 digits including the country code.
        return number.Length is >= 6 and <= 15 ? "+" + number : null;
    }

    private static string? NormalizeExternalId(string value)
    {
        if (value.Length > 256 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return null;
        }

        return value.ToLower(CultureInfo.InvariantCulture);
    }
}
