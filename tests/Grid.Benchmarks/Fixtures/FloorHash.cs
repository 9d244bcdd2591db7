using System.Buffers.Binary;
using System.Collections.Frozen;
using System.IO.Hashing;
using System.Text;
using Grid.Sync.Sources;

namespace Grid.Benchmarks.Fixtures;

/// <summary>
/// The floor of a member content hash: its fields written as UTF-8 (numbers as 8 bytes) into one reused buffer and
/// hashed with XxHash128 in one shot, without SourceHash's length tags, null markers or sorted extended attributes.
/// Members built by <see cref="SourceModel"/> only (their extended attributes are a frozen dictionary).
/// </summary>
internal static class FloorHash
{
    public static UInt128 Of(SourceMember member, byte[] buffer) => XxHash128.HashToUInt128(buffer.AsSpan(0, Encode(member, buffer)));

    public static int Encode(SourceMember member, byte[] buffer)
    {
        var length = 0;
        Text(buffer, ref length, member.UserId);
        Text(buffer, ref length, member.Name);
        // Indexed loops and the frozen dictionary's struct enumerator: the floor allocates nothing.
        var departments = member.Departments;
        for (var i = 0; i < departments.Count; i++)
        {
            Number(buffer, ref length, departments[i]);
        }

        Number(buffer, ref length, member.MainDepartment ?? 0);
        Text(buffer, ref length, member.Position);
        Number(buffer, ref length, (long)member.Status);
        Text(buffer, ref length, member.Alias);
        Text(buffer, ref length, member.Telephone);
        Text(buffer, ref length, member.Mobile);
        Text(buffer, ref length, member.Email);
        Text(buffer, ref length, member.BizMail);
        Text(buffer, ref length, member.Gender);
        foreach (var (name, value) in (FrozenDictionary<string, string>)member.ExtAttrs)
        {
            Text(buffer, ref length, name);
            Text(buffer, ref length, value);
        }

        var leaders = member.DirectLeaders;
        for (var i = 0; i < leaders.Count; i++)
        {
            Text(buffer, ref length, leaders[i]);
        }

        var isLeader = member.IsLeaderInDept;
        for (var i = 0; i < isLeader.Count; i++)
        {
            buffer[length++] = isLeader[i] ? (byte)1 : (byte)0;
        }

        return length;
    }

    private static void Text(byte[] buffer, ref int length, string? value) =>
        length += Encoding.UTF8.GetBytes(value ?? "", buffer.AsSpan(length));

    private static void Number(byte[] buffer, ref int length, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(length), value);
        length += sizeof(long);
    }
}
