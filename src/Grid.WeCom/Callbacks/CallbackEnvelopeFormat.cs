using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using Grid.WeCom.Xml;

namespace Grid.WeCom.Callbacks;

/// <summary>Reads and writes the small XML and JSON envelopes around WeCom callback ciphertexts.</summary>
internal static class CallbackEnvelopeFormat
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 8 };

    // The bodies go to HTTP peers, never into HTML, so base64's '+' and CJK text stay unescaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ReadEncrypt(string body, int maxChars)
    {
        var isJson = body.AsSpan().TrimStart().TrimStart('\uFEFF').TrimStart() is ['{', ..];
        var error = isJson ? WeComCryptoError.ParseJson : WeComCryptoError.ParseXml;
        if (body.Length > maxChars)
        {
            throw new WeComCryptoException(error);
        }

        try
        {
            var encrypted = isJson ? ReadJsonEncrypt(body) : ReadXmlEncrypt(body);
            return string.IsNullOrEmpty(encrypted) ? throw new WeComCryptoException(error) : encrypted;
        }
        catch (XmlException exception)
        {
            throw new WeComCryptoException(error, exception);
        }
        catch (JsonException exception)
        {
            throw new WeComCryptoException(error, exception);
        }
    }

    public static string WriteXml(params ReadOnlySpan<(string Name, string Value, bool CData)> elements)
    {
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false };
        using (var writer = XmlWriter.Create(builder, settings))
        {
            writer.WriteStartElement("xml");
            foreach (var (name, value, cdata) in elements)
            {
                writer.WriteStartElement(name);
                if (cdata)
                {
                    writer.WriteCData(value);
                }
                else
                {
                    writer.WriteString(value);
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        return builder.ToString();
    }

    public static string WriteJson(params ReadOnlySpan<(string Name, string Value)> members)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in members)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static string? ReadXmlEncrypt(string body)
    {
        using var reader = XmlReader.Create(new StringReader(body), SafeXml.CreateSettings());
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "xml" || reader.IsEmptyElement)
        {
            return null;
        }

        string? encrypted = null;
        reader.ReadStartElement();
        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
            }
            else if (reader.LocalName == "Encrypt" && encrypted is null)
            {
                encrypted = reader.ReadElementContentAsString();
            }
            else if (reader.LocalName == "Encrypt")
            {
                // Two ciphertexts in one envelope: which one the signature covers is ambiguous.
                return null;
            }
            else
            {
                reader.Skip();
            }
        }

        // Read to the end so that trailing garbage makes the whole document invalid.
        while (reader.Read())
        {
        }

        return encrypted;
    }

    private static string? ReadJsonEncrypt(string body)
    {
        using var document = JsonDocument.Parse(body, JsonOptions);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? encrypted = null;
        foreach (var member in document.RootElement.EnumerateObject())
        {
            if (!member.Name.Equals("encrypt", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (encrypted is not null || member.Value.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            encrypted = member.Value.GetString();
        }

        return encrypted;
    }
}
