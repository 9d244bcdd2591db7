namespace Grid.WeCom.Simulator.Model;

/// <summary>One page of user/list_id: (userid, department) rows and the cursor of the next row, if any.</summary>
internal sealed record MemberIdPage(IReadOnlyList<(string UserId, int Department)> Rows, MemberCursor? Next);
