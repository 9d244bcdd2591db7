using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grid.Abstractions;

namespace Grid.Host.Grpc;

/// <summary>
/// Checks every field of a request message against <see cref="RequestLimits"/> through protobuf reflection, so that
/// no RPC can be left out, and removes repeated values given twice. Field paths read as in the protos
/// (<c>settings.trusted_ips[2]</c>, <c>field_mappings.account[0].expression</c>).
/// </summary>
internal static class RequestValidator
{
    /// <summary>The first <see cref="RequestLimits.MaxViolations"/> problems, and how many there are in all.</summary>
    public static (IReadOnlyList<BadRequest.Types.FieldViolation> Violations, int Total) Validate(IMessage request)
    {
        var found = new Found();
        Walk(request, "", found);
        return (found.Violations, found.Total);
    }

    // The walk recurses once per message level: the protos' own nesting (three levels), which protobuf's parser
    // bounds at 100 for any message.
    private static void Walk(IMessage message, string prefix, Found found)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var path = prefix + field.Name;
            var rule = RequestLimits.For(field);
            var value = field.Accessor.GetValue(message);

            // No request has a map field (RequestValidationTests checks): maps would need a walk of their own.
            if (field.IsRepeated)
            {
                var values = (IList)value;
                if (values.Count > rule.MaxCount)
                {
                    found.Add(path, $"{values.Count} values, at most {rule.MaxCount}");
                    continue;
                }

                if (field.FieldType == FieldType.String)
                {
                    RemoveDuplicates(values);
                }

                for (var i = 0; i < values.Count; i++)
                {
                    CheckValue(field, rule, values[i], $"{path}[{i}]", found);
                }
            }
            else
            {
                CheckValue(field, rule, value, path, found);
            }
        }
    }

    private static void CheckValue(FieldDescriptor field, FieldRule rule, object? value, string path, Found found)
    {
        switch (field.FieldType)
        {
            case FieldType.String:
                CheckString(rule, (string)value!, path, found);
                break;
            case FieldType.Enum:
                var number = Convert.ToInt32(value, CultureInfo.InvariantCulture);
                if (field.EnumType.FindValueByNumber(number) is null)
                {
                    found.Add(path, $"{number} is not a value of {field.EnumType.Name} (known: "
                        + string.Join(", ", field.EnumType.Values.Select(v => v.Name)) + ")");
                }

                break;
            case FieldType.Message when value is IMessage nested:
                Walk(nested, path + ".", found);
                break;
        }
    }

    private static void CheckString(FieldRule rule, string value, string path, Found found)
    {
        if (value.Length > rule.MaxLength)
        {
            found.Add(path, $"{value.Length} characters, at most {rule.MaxLength}");
            return;
        }

        foreach (var c in value)
        {
            if (SafeText.IsControl(c) && !(rule.AllowLineBreaks && c is '\t' or '\n' or '\r'))
            {
                found.Add(path, $"contains the control character U+{(int)c:X4}; control characters are not allowed");
                return;
            }
        }

        if (value.Length > 0 && rule.IsValid is { } isValid && !isValid(value))
        {
            found.Add(path, $"'{SafeText.Echo(value)}' is not {rule.Expected}");
        }
    }

    private static void RemoveDuplicates(IList values)
    {
        var distinct = values.Cast<string>().Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == values.Count)
        {
            return;
        }

        values.Clear();
        foreach (var value in distinct)
        {
            values.Add(value);
        }
    }

    private sealed class Found
    {
        public List<BadRequest.Types.FieldViolation> Violations { get; } = [];

        public int Total { get; private set; }

        public void Add(string field, string description)
        {
            Total++;
            if (Violations.Count < RequestLimits.MaxViolations)
            {
                Violations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
            }
        }
    }
}
