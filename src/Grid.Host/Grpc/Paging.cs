namespace Grid.Host.Grpc;

/// <summary>Page sizes: 0 means the default, larger than the maximum is lowered to it, negative is refused.</summary>
internal static class Paging
{
    public static int Size(int requested, int defaultSize, int maxSize, string field = "page_size")
    {
        if (requested < 0)
        {
            RpcErrors.InvalidArgument(field, $"must not be negative (got {requested})");
        }

        return requested == 0 ? defaultSize : Math.Min(requested, maxSize);
    }

    public static string? Token(string token) => string.IsNullOrEmpty(token) ? null : token;
}
