using Grid.Grains.Login;

namespace Grid.Host.Login;

public static class LoginHostingExtensions
{
    /// <summary>WeCom sign-in: the login grains' options (section <c>Grid:Login</c>) and the flow the pages and RPCs share.</summary>
    public static void AddGridLogin(this WebApplicationBuilder builder)
    {
        builder.Services.AddGridLogin();
        builder.Services.AddSingleton<WeComLoginFlow>();
    }
}
