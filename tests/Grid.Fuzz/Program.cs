using System.Text;
using Grid.Sync.Mapping;
using Grid.WeCom.Callbacks;
using Grid.WeCom.Events;
using SharpFuzz;

namespace Grid.Fuzz;

/// <summary>
/// libFuzzer targets over SharpFuzz: <c>decrypt</c> (the callback envelope, verified and decrypted), <c>event</c>
/// (the contact-event parser) and <c>expression</c> (the mapping-expression parser and compiler). Each input either
/// succeeds or is refused with the component's own exception; anything else escapes and is a finding.
/// </summary>
public static class Program
{
    private const string Timestamp = "1409659813";
    private const string Nonce = "1372623149";

    private static readonly WeComCallbackCrypto Crypto = new("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wx5823bf96d3bd56c7");

    public static int Main(string[] args)
    {
        Action<string> target = args.FirstOrDefault() switch
        {
            "decrypt" => Decrypt,
            "event" => Event,
            "expression" => Expression,
            _ => null!,
        };
        if (target is null)
        {
            Console.Error.WriteLine("usage: Grid.Fuzz decrypt|event|expression [input files to replay outside libFuzzer]");
            return 2;
        }

        if (args.Length > 1)
        {
            // Replay: the given inputs (findings, corpus entries) outside libFuzzer; an escaping exception ends it.
            foreach (var path in args.Skip(1))
            {
                target(Encoding.UTF8.GetString(File.ReadAllBytes(path)));
            }

            return 0;
        }

        Fuzzer.LibFuzzer.Run(data => target(Encoding.UTF8.GetString(data)));
        return 0;
    }

    // The input is tried twice: as the ciphertext, signed as WeCom would sign it, so that it reaches the base64, AES,
    // padding, length-field, receive-id and UTF-8 checks; and as a whole POST body, whose envelope is read first.
    private static void Decrypt(string input)
    {
        try
        {
            Crypto.Decrypt(Crypto.Sign(Timestamp, Nonce, input), Timestamp, Nonce, input);
        }
        catch (WeComCryptoException)
        {
        }

        try
        {
            Crypto.DecryptEnvelope(new string('0', 40), Timestamp, Nonce, input);
        }
        catch (WeComCryptoException)
        {
        }
    }

    private static void Event(string xml)
    {
        try
        {
            ContactEventParser.Parse(xml);
        }
        catch (ContactEventParseException)
        {
        }
    }

    private static void Expression(string text)
    {
        try
        {
            var expression = MappingExpression.Parse(text);
            expression.CompileForMember();
            expression.CompileForDepartment();
        }
        catch (MappingExpressionException)
        {
        }
    }
}
