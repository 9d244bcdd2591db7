using Grid.Cli.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>gridctl's online commands: the ones that talk to a Grid server over gRPC.</summary>
public static class OnlineCommands
{
    public static void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new CliEnvironment());
        services.AddSingleton<GridSession>();
    }

    /// <summary>Adds the online commands of the <c>wecom</c> branch (the branch itself also holds offline tools).</summary>
    public static void AddWeComCommands(IConfigurator<CommandSettings> wecom)
    {
        ArgumentNullException.ThrowIfNull(wecom);
        wecom.AddCommand<WeComConfigureCommand>("configure")
            .WithDescription("Create or replace a connector's settings from a JSON file.")
            .WithExample("wecom", "configure", "--tenant", "demo", "--connector", "main", "--file", "connector.json");
        wecom.AddCommand<WeComGetCommand>("get").WithDescription("Show a connector (secrets only as set / not set).");
        wecom.AddCommand<WeComMemberCommand>("member")
            .WithDescription("Show one WeCom member of a connector: its account and its consent to share sensitive fields (state, expiry).");
        wecom.AddCommand<WeComValidateCommand>("validate").WithDescription("Check a connector's settings; exit 7 on errors.");
        wecom.AddCommand<WeComPreviewCommand>("preview")
            .WithDescription("Show what the field mappings (stored, or a connector file's with --mappings) make of a few WeCom "
                + "members, writing nothing; exit 7 when any member has errors.")
            .WithExample("wecom", "preview", "--connector", "wecom", "--sample", "10")
            .WithExample("wecom", "preview", "--connector", "wecom", "--userid", "zhangsan", "--mappings", "connector.json");
        wecom.AddBranch<CommandSettings>("events", events =>
        {
            events.SetDescription("A connector's WeCom change callbacks (the event inbox).");
            events.AddCommand<WeComEventsListCommand>("list")
                .WithDescription("List recent change callbacks, newest first (--status failed for the failures).")
                .WithExample("wecom", "events", "list", "--connector", "wecom", "--status", "parked");
            events.AddCommand<WeComEventsRetryCommand>("retry")
                .WithDescription("Put a parked (or failed) change callback back in line.")
                .WithExample("wecom", "events", "retry", "42", "--connector", "wecom");
        });
        wecom.AddBranch("held", held =>
        {
            held.SetDescription("Deletes from change callbacks held by the delete budget (thresholds.incremental_*).");
            held.AddCommand<WeComHeldListCommand>("list").WithDescription("List held deletes, oldest first.");
            held.AddCommand<WeComHeldApproveCommand>("approve")
                .WithDescription("Apply held deletes (each planned again from WeCom as it is now).")
                .WithExample("wecom", "held", "approve", "--connector", "wecom", "h_1", "h_2");
            held.AddCommand<WeComHeldDiscardCommand>("discard")
                .WithDescription("Forget held deletes; nothing is deleted.")
                .WithExample("wecom", "held", "discard", "--connector", "wecom", "--all");
        });
    }

    /// <summary>Adds login and the tenants, cluster, sync, accounts, apps, orgs and changes branches.</summary>
    internal static void Configure(IConfigurator config, CommandCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(config);
        catalog.AddCommand<LoginCommand>(config, "login")
            .WithDescription("Store a service credential and its token (default: the dev host's credential file).")
            .WithExample("login", "--server", "http://127.0.0.1:5081", "--client-id", "gc_demo_...", "--client-secret", "gs_...")
            .WithExample("login", "--server", "http://10.0.0.5:5081", "--client-id", "gc_platform_bootstrap", "--client-secret-stdin", "<", "secret.txt");
        catalog.AddBranch(config, "tenants", tenants =>
        {
            tenants.SetDescription("Tenants (platform administration: needs a login with the platform.admin scope).");
            tenants.AddCommand<TenantsCreateCommand>("create")
                .WithDescription("Create a tenant and print its first admin credential, whose secret is shown only once "
                    + "(--login stores it as the login).")
                .WithExample("tenants", "create", "acme", "--name", "\"Acme Ltd\"", "--time-zone", "Asia/Shanghai", "--login");
        });
        catalog.AddBranch(config, "cluster", cluster =>
        {
            cluster.SetDescription("The cluster (platform administration: needs a login with the platform.admin scope).");
            cluster.AddCommand<ClusterStatusCommand>("status")
                .WithDescription("Show every silo with its status and load, and the sync runs active now in any tenant.")
                .WithExample("cluster", "status", "--server", "http://10.0.0.5:5081,http://10.0.0.6:5081");
        });
        catalog.AddBranch(config, "sync", sync =>
        {
            sync.SetDescription("Full synchronization runs of a connector.");
            sync.AddCommand<SyncStartCommand>("start").WithDescription("Start a run (--dry-run plans only; --watch shows progress).");
            sync.AddCommand<SyncRunsCommand>("runs").WithDescription("List runs, newest first.");
            sync.AddCommand<SyncShowCommand>("show").WithDescription("Show a run (and its plan with --plan).");
            sync.AddCommand<SyncApproveCommand>("approve").WithDescription("Approve a Protected run once.");
            sync.AddCommand<SyncCancelCommand>("cancel").WithDescription("Cancel an active or Protected run.");
        });
        catalog.AddBranch(config, "accounts", accounts =>
        {
            accounts.SetDescription("Read accounts; set their passwords (the password fallback of sign-in).");
            accounts.AddCommand<AccountsGetCommand>("get").WithDescription("Show one account by id.");
            accounts.AddCommand<AccountsLookupCommand>("lookup").WithDescription("Find an account by username, email, mobile or WeCom userid.");
            accounts.AddCommand<AccountsListCommand>("list").WithDescription("List accounts (of an organization), a page at a time.");
            accounts.AddCommand<AccountsSetPasswordCommand>("set-password")
                .WithDescription("Set an account's password, read from standard input (needs the admin scope).")
                .WithExample("accounts", "set-password", "acc_0123...", "--password-stdin", "<", "password.txt");
        });
        catalog.AddBranch(config, "apps", apps =>
        {
            apps.SetDescription("OpenID Connect applications: the clients of the tenant's issuer (needs the admin scope).");
            apps.AddCommand<AppsCreateCommand>("create")
                .WithDescription("Register an application and print its client id, issuer and (confidential clients) secret, shown only once.")
                .WithExample("apps", "create", "--name", "Wiki", "--redirect-uri", "https://wiki.example.com/signin-oidc", "--scope", "openid", "--scope", "profile");
            apps.AddCommand<AppsListCommand>("list").WithDescription("List the tenant's applications.");
            apps.AddCommand<AppsDeleteCommand>("delete").WithDescription("Delete an application: its codes and refresh tokens stop working.");
        });
        catalog.AddBranch(config, "orgs", orgs =>
        {
            orgs.SetDescription("Read organizations.");
            orgs.AddCommand<OrgsListCommand>("list").WithDescription("List the whole tree or the children of one organization.");
        });
        catalog.AddBranch(config, "changes", changes =>
        {
            changes.SetDescription("The directory change stream.");
            changes.AddCommand<ChangesWatchCommand>("watch").WithDescription("Stream changes from a resume token.");
        });
    }
}
