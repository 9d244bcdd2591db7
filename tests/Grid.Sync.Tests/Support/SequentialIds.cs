namespace Grid.Sync.Tests.Support;

/// <summary>Predictable ids ("new-1", "new-2", ...) for the organizations and accounts a plan creates.</summary>
internal sealed class SequentialIds(string prefix = "new-")
{
    private int _next;

    public string Next() => $"{prefix}{++_next}";
}
