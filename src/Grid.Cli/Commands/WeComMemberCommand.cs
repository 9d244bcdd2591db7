using System.ComponentModel;
using System.Globalization;
using Grid.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl wecom member --userid U</c>: one WeCom member of a connector: account, consent and its expiry.</summary>
public sealed class WeComMemberCommand(StandardStreams streams, GridSession session) : OnlineCommand<WeComMemberCommand.Settings>(streams, session)
{
    public sealed class Settings : ConnectorSettings
    {
        [CommandOption("-u|--userid <USERID>")]
        [Description("The member's WeCom userid.")]
        public string? Userid { get; set; }

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            return result.Successful && string.IsNullOrWhiteSpace(Userid) ? ValidationResult.Error("--userid is required") : result;
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var response = await grid.Admin.GetWeComMemberAsync(
            new GetWeComMemberRequest { TenantId = TenantOf(settings, grid), ConnectorId = settings.Connector!, WecomUserid = settings.Userid! },
            grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonAsync(response.Member);
            return ExitCodes.Success;
        }

        var member = response.Member;
        var consent = member.Consent ?? new WeComConsent();
        var table = new Table().AddColumn("member").AddColumn("value");
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("wecom_userid", member.WecomUserid);
        Row("account_id", member.AccountId.Length > 0 ? member.AccountId : "(none)");
        Row("consent", consent.State switch
        {
            WeComConsentState.Valid => "valid",
            WeComConsentState.Expired => "expired",
            _ => "none",
        });
        Row("consent_expires_at", consent.ExpiresAt?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? "");
        Row("consented_fields", string.Join(", ", consent.Fields));
        Row("previous_userids", string.Join(", ", member.PreviousUserids));
        Console().Write(table);
        return ExitCodes.Success;
    }
}
