using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Grid.Sync.Sources;

/// <summary>
/// Hashes a canonical encoding with XxHash128: a format version and a domain byte, then every value tagged with its
/// length (-1 for null), so that ("ab", "c") and ("a", "bc") differ and so do null and "". Not thread-safe: the
/// planner keeps one per run and reuses its buffer.
/// </summary>
internal sealed class HashWriter
{
    // Bump when the encoding changes: every persisted hash then differs once and the next run refreshes them.
    private const byte FormatVersion = 1;
    private const byte MemberDomain = (byte)'m';
    private const byte DepartmentDomain = (byte)'d';
    private const byte FieldsDomain = (byte)'f';

    private byte[] _buffer = new byte[1024];
    private int _length;
    private string[] _keys = new string[8];

    public ContentHash Hash(SourceMember member)
    {
        Begin(MemberDomain);
        Write(member.UserId);
        Write(member.Name);

        // Indexed loops: enumerating an IReadOnlyList allocates an enumerator per member.
        var departments = member.Departments;
        Write(departments.Count);
        for (var i = 0; i < departments.Count; i++)
        {
            Write(departments[i]);
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
        var leaders = member.DirectLeaders;
        Write(leaders.Count);
        for (var i = 0; i < leaders.Count; i++)
        {
            Write(leaders[i]);
        }

        var isLeader = member.IsLeaderInDept;
        Write(isLeader.Count);
        for (var i = 0; i < isLeader.Count; i++)
        {
            Write(isLeader[i] ? 1 : 0);
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
        _length = 0;
        WriteByte(FormatVersion);
        WriteByte(domain);
    }

    // One-shot hashing of the whole encoding: far faster than feeding the hash many small appends.
    private ContentHash Finish()
    {
        var value = XxHash128.HashToUInt128(_buffer.AsSpan(0, _length));
        return new ContentHash((ulong)(value >> 64), (ulong)value);
    }

    private void WriteSorted(IReadOnlyDictionary<string, string> attributes)
    {
        var count = attributes.Count;
        Write(count);
        if (count == 0)
        {
            return;
        }

        if (_keys.Length < count)
        {
            _keys = new string[count];
        }

        var index = 0;
        foreach (var key in attributes.Keys)
        {
            _keys[index++] = key;
        }

        // Dictionary enumeration order is not part of the content: sort so that equal attributes hash equal.
        Array.Sort(_keys, 0, count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            Write(_keys[i]);
            Write(attributes[_keys[i]]);
        }

        Array.Clear(_keys, 0, count);
    }

    private void Write(string? value)
    {
        if (value is null)
        {
            Write(-1);
            return;
        }

        Ensure(sizeof(int) + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + sizeof(int)));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), written);
        _length += sizeof(int) + written;
    }

    private void Write(int value)
    {
        Ensure(sizeof(int));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += sizeof(int);
    }

    private void Write(long value)
    {
        Ensure(sizeof(long));
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += sizeof(long);
    }

    private void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    private void Ensure(int extra)
    {
        if (_buffer.Length - _length < extra)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
