namespace Grid.WeCom.Events;

/// <summary>
/// The decrypted callback XML is malformed, oversized, carries a DTD, or lacks a field its kind requires. The message
/// names the element at fault and never repeats element values (they may be personal data).
/// </summary>
public sealed class ContactEventParseException : Exception
{
    public ContactEventParseException(string message)
        : base(message)
    {
    }

    public ContactEventParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
