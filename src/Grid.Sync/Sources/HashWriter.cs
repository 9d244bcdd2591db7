using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Grid.Sync.Sources;

/// <summary>
/// Feeds a canonical encoding to XxHash128: a format version and a domain byte, then every value tagged with its
/// length (-1 for null), so that ("ab", "c") and ("a", "bc") differ and so do null and "". Not thread-safe: the
/// planner keeps one per run and reuses its buffers.
/// </summary>
internal sealed class HashWriter
{
    // Bump when the encoding changes: every persisted hash then differs once and the next run refreshes them.
    private const byte FormatVersion = 1;
    private const byte MemberDomain = (byte)'m';
    private const byte DepartmentDomain = (byte)'d';
    private const byte FieldsDomain = (byte)'f';

    private readonly XxHash128 hash = new();
    private byte[] buffer = new byte[256];
    private string[] keys = new string[8];

    public ContentHash Hash(SourceMember member)
    {
        Begin(MemberDomain);
        Write(member.UserId);
        Write(member.Name);
        Write(member.Departments.Count);
        foreach (var department in member.Departments)
        {
            Write(department);
        }

        Write(member.MainDepartment.HasValue ? 1 : 0);
        Write(member.MainDepartment.GetValueOrDefault());
        Write(member.Position);
        Write((int)member.Status);
        Write(member.Alias);
        Write(member.Telephone);
        Write(member.Mobile);
        Write(member.Email);
        Write(member.BizMail);
        Write(member.Gender);
        WriteSorted(member.ExtAttrs);
        Write(member.DirectLeaders.Count);
        foreach (var leader in member.DirectLeaders)
        {
            Write(leader);
        }

        Write(member.IsLeaderInDept.Count);
        foreach (var isLeader in member.IsLeaderInDept)
        {
            Write(isLeader ? 1 : 0);
        }

        return Finish();
    }

    public ContentHash Hash(SourceDepartment department)
    {
        Begin(DepartmentDomain);
        Write(department.Id);
        Write(department.ParentId);
        Write(department.Name);
        Write(department.NameEn);
        Write(department.Order);
        return Finish();
    }

    public ContentHash HashFields(IReadOnlyList<string> names, IReadOnlyList<string> values)
    {
        Begin(FieldsDomain);
        Write(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            Write(names[i]);
            Write(values[i]);
        }

        return Finish();
    }

    private void Begin(byte domain)
    {
        hash.Reset();
        ReadOnlySpan<byte> header = [FormatVersion, domain];
        hash.Append(header);
    }

    private ContentHash Finish()
    {
        var value = hash.GetCurrentHashAsUInt128();
        return new ContentHash((ulong)(value >> 64), (ulong)value);
    }

    private void WriteSorted(IReadOnlyDictionary<string, string> attributes)
    {
        var count = attributes.Count;
        Write(count);
        if (keys.Length < count)
        {
            keys = new string[count];
        }

        var index = 0;
        foreach (var key in attributes.Keys)
        {
            keys[index++] = key;
        }

        // Dictionary enumeration order is not part of the content: sort so that equal attributes hash equal.
        Array.Sort(keys, 0, count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            Write(keys[i]);
            Write(attributes[keys[i]]);
        }

        Array.Clear(keys, 0, count);
    }

    private void Write(string? value)
    {
        if (value is null)
        {
            Write(-1);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (buffer.Length < max)
        {
            buffer = new byte[Math.Max(max, buffer.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, buffer);
        Write(length);
        hash.Append(buffer.AsSpan(0, length));
    }

    private void Write(int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        hash.Append(bytes);
    }

    private void Write(long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        hash.Append(bytes);
    }
}
