using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Grid.WeCom.Simulator.Model;

/// <summary>
/// Position in user/list_id's stable order (member sequence, index within the member's departments), sent to clients
/// as an opaque, company-bound, tamper-evident string.
/// </summary>
internal readonly record struct MemberCursor(long Sequence, int Index)
{
    private const int PayloadLength = 12;
    private const int TagLength = 8;

    public string Encode(byte[] key)
    {
        Span<byte> buffer = stackalloc byte[PayloadLength + TagLength];
        BinaryPrimitives.WriteInt64BigEndian(buffer, Sequence);
        BinaryPrimitives.WriteInt32BigEndian(buffer[8..], Index);
        Mask(buffer[..PayloadLength], key);
        Span<byte> tag = stackalloc byte[32];
        HMACSHA256.HashData(key, buffer[..PayloadLength], tag);
        tag[..TagLength].CopyTo(buffer[PayloadLength..]);
        return Convert.ToBase64String(buffer).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryDecode(string text, byte[] key, out MemberCursor cursor)
    {
        cursor = default;
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = (base64.Length % 4) switch
        {
            2 => base64 + "==",
            3 => base64 + "=",
            _ => base64,
        };
        Span<byte> buffer = stackalloc byte[64];
        if (!Convert.TryFromBase64String(base64, buffer, out var written) || written != PayloadLength + TagLength)
        {
            return false;
        }

        Span<byte> tag = stackalloc byte[32];
        HMACSHA256.HashData(key, buffer[..PayloadLength], tag);
        if (!CryptographicOperations.FixedTimeEquals(tag[..TagLength], buffer.Slice(PayloadLength, TagLength)))
        {
            return false;
        }

        Mask(buffer[..PayloadLength], key);
        var sequence = BinaryPrimitives.ReadInt64BigEndian(buffer);
        var index = BinaryPrimitives.ReadInt32BigEndian(buffer[8..]);
        if (sequence < 0 || index < 0)
        {
            return false;
        }

        cursor = new MemberCursor(sequence, index);
        return true;
    }

    // Hides the position so that clients treat cursors as the opaque strings WeCom documents.
    private static void Mask(Span<byte> payload, byte[] key)
    {
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] ^= key[(i + 7) % key.Length];
        }
    }
}
