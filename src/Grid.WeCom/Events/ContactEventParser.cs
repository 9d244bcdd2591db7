using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Grid.WeCom.Xml;

namespace Grid.WeCom.Events;

/// <summary>
/// Classifies decrypted WeCom callback XML into <see cref="ContactChange"/> records. Element text may be plain or
/// CDATA; DTDs and entities are refused; documents over <see cref="MaxXmlChars"/> or nested deeper than <see cref="MaxXmlDepth"/>
/// are refused.
/// </summary>
public static class ContactEventParser
{
    /// <summary>Largest document (in characters) <see cref="Parse"/> accepts.</summary>
    public const int MaxXmlChars = SafeXml.MaxDocumentChars;

    /// <summary>Deepest nesting of elements (the root is level 1) <see cref="Parse"/> accepts.</summary>
    public const int MaxXmlDepth = 16;

    /// <summary>Parses one decrypted callback.</summary>
    /// <exception cref="ContactEventParseException">The XML is malformed, oversized or lacks a required element.</exception>
    public static ContactChange Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (xml.Length > MaxXmlChars)
        {
            throw new ContactEventParseException($"Callback XML is larger than {MaxXmlChars} characters.");
        }

        var fields = EventElements.Load(xml);
        var toUserName = fields.RequiredId("ToUserName");
        var createTime = fields.RequiredTime("CreateTime");
        var msgType = fields.RequiredId("MsgType");
        var eventName = fields.Id("Event");
        var changeType = fields.Id("ChangeType");

        if (msgType != "event" || eventName != "change_contact")
        {
            return new IgnoredEvent(toUserName, createTime, msgType, eventName, changeType);
        }

        return changeType switch
        {
            "create_user" => new MemberCreated(toUserName, createTime, fields.RequiredId("UserID"), ReadMember(fields)),
            "update_user" => new MemberUpdated(
                toUserName, createTime, fields.RequiredId("UserID"), fields.Id("NewUserID"), ReadMember(fields)),
            "delete_user" => new MemberDeleted(toUserName, createTime, fields.RequiredId("UserID")),
            "create_party" => new DepartmentCreated(
                toUserName,
                createTime,
                fields.RequiredLong("Id"),
                fields.Text("Name"),
                fields.Long("ParentId"),
                fields.Long("Order")),
            "update_party" => new DepartmentUpdated(
                toUserName, createTime, fields.RequiredLong("Id"), fields.Text("Name"), fields.Long("ParentId")),
            "delete_party" => new DepartmentDeleted(toUserName, createTime, fields.RequiredLong("Id")),
            null => throw new ContactEventParseException("change_contact event has no <ChangeType> element."),
            _ => new IgnoredEvent(toUserName, createTime, msgType, eventName, changeType),
        };
    }

    private static MemberFields ReadMember(EventElements fields) => new()
    {
        Name = fields.Text("Name"),
        Departments = fields.List("Department", ParseLong),
        MainDepartment = fields.Long("MainDepartment"),
        IsLeaderInDept = fields.List("IsLeaderInDept", ParseFlag),
        DirectLeader = fields.List("DirectLeader", static (value, _) => value),
        Position = fields.Text("Position"),
        Mobile = fields.Id("Mobile"),
        Gender = fields.Id("Gender"),
        Email = fields.Id("Email"),
        BizMail = fields.Id("BizMail"),
        Status = fields.Int("Status"),
        Avatar = fields.Id("Avatar"),
        Alias = fields.Text("Alias"),
        Telephone = fields.Id("Telephone"),
        Address = fields.Text("Address"),
        ExtAttr = fields.ExtAttr(),
    };

    private static long ParseLong(string value, string element) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ContactEventParseException($"<{element}> must hold non-negative integers.");

    private static bool ParseFlag(string value, string element) => value switch
    {
        "1" => true,
        "0" => false,
        _ => throw new ContactEventParseException($"<{element}> must hold 0 or 1 values."),
    };

    /// <summary>The direct children of the root <c>&lt;xml&gt;</c> element, by name.</summary>
    private sealed class EventElements
    {
        private readonly Dictionary<string, XElement> _elements;

        private EventElements(Dictionary<string, XElement> elements) => _elements = elements;

        public static EventElements Load(string xml)
        {
            XDocument document;
            try
            {
                // Nesting is bounded before LINQ to XML sees the document: XDocument.Load takes time quadratic in the
                // depth (each added node is checked against all its ancestors) and XElement.Value recurses once per
                // level, so a document nested thousands deep would hold a thread for minutes or overflow the stack.
                // Events nest five levels (<xml><ExtAttr><Item><Text><Value>).
                using (var scan = XmlReader.Create(new StringReader(xml), SafeXml.CreateSettings()))
                {
                    while (scan.Read())
                    {
                        if (scan.Depth >= MaxXmlDepth)
                        {
                            throw new ContactEventParseException($"Callback XML is nested deeper than {MaxXmlDepth} levels.");
                        }
                    }
                }

                using var reader = XmlReader.Create(new StringReader(xml), SafeXml.CreateSettings());
                document = XDocument.Load(reader);
            }
            catch (XmlException exception)
            {
                throw new ContactEventParseException(
                    $"Callback XML is not well-formed or uses a DTD (line {exception.LineNumber}, position {exception.LinePosition}).",
                    exception);
            }

            var root = document.Root;
            if (root is null || root.Name.LocalName != "xml" || root.Name.Namespace != XNamespace.None)
            {
                throw new ContactEventParseException("Callback XML must have a root element <xml>.");
            }

            var elements = new Dictionary<string, XElement>(StringComparer.Ordinal);
            foreach (var element in root.Elements())
            {
                if (!elements.TryAdd(element.Name.LocalName, element))
                {
                    throw new ContactEventParseException($"<{element.Name.LocalName}> appears more than once.");
                }
            }

            return new EventElements(elements);
        }

        public string? Text(string name)
        {
            if (!_elements.TryGetValue(name, out var element))
            {
                return null;
            }

            return element.HasElements
                ? throw new ContactEventParseException($"<{name}> must contain text, not elements.")
                : element.Value;
        }

        public string? Id(string name) => Text(name)?.Trim();

        public string RequiredId(string name)
        {
            var value = Id(name);
            return string.IsNullOrEmpty(value)
                ? throw new ContactEventParseException($"Callback XML lacks a non-empty <{name}> element.")
                : value;
        }

        public long? Long(string name)
        {
            var value = Id(name);
            return string.IsNullOrEmpty(value) ? null : ParseLong(value, name);
        }

        public long RequiredLong(string name) => ParseLong(RequiredId(name), name);

        public int? Int(string name)
        {
            var value = Id(name);
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new ContactEventParseException($"<{name}> must be an integer.");
        }

        public DateTimeOffset RequiredTime(string name)
        {
            var seconds = RequiredLong(name);
            return seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : throw new ContactEventParseException($"<{name}> is out of range.");
        }

        public IReadOnlyList<T>? List<T>(string name, Func<string, string, T> parse)
        {
            var value = Text(name);
            if (value is null)
            {
                return null;
            }

            return value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(item => parse(item, name))
                .ToArray();
        }

        public IReadOnlyList<ExtAttrItem>? ExtAttr()
        {
            if (!_elements.TryGetValue("ExtAttr", out var extAttr))
            {
                return null;
            }

            return extAttr.Elements("Item").Select(ReadItem).ToArray();
        }

        private static ExtAttrItem ReadItem(XElement item)
        {
            var name = item.Element("Name")?.Value
                ?? throw new ContactEventParseException("<ExtAttr><Item> lacks <Name>.");
            var typeText = item.Element("Type")?.Value.Trim();
            if (!int.TryParse(typeText, NumberStyles.None, CultureInfo.InvariantCulture, out var type))
            {
                throw new ContactEventParseException("<ExtAttr><Item> lacks an integer <Type>.");
            }

            var web = item.Element("Web");
            return new ExtAttrItem(
                name,
                type,
                item.Element("Text")?.Element("Value")?.Value,
                web?.Element("Title")?.Value,
                web?.Element("Url")?.Value);
        }
    }
}
