namespace Grid.Grains.Directory;

/// <summary>
/// The user type given to ASP.NET Core Identity's password hasher, which ignores it: hashes depend on the password
/// and a random salt only.
/// </summary>
public sealed class PasswordSubject
{
    public static PasswordSubject Instance { get; } = new();

    private PasswordSubject()
    {
    }
}
